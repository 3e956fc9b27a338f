/// A Kubernetes Job run as a measurement: Successful when it completes, Failed when it fails.
/// `spec` is a `batch/v1` JobSpec, kept as JSON and sent as written.
public struct JobMetric: Codable, Hashable, Sendable {
    /// Labels and annotations for the Job.
    public var metadata: ObjectMeta?
    public var spec: JSONValue
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta? = nil, spec: JSONValue) {
        self.metadata = metadata
        self.spec = spec
    }
}
