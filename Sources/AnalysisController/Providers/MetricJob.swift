public import KubeAPI

/// A `batch/v1` Job as the Job provider needs it: metadata and the conditions that say whether it
/// completed or failed. The spec is kept as JSON (the Job provider sends the template's spec as
/// written).
public struct MetricJob: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "batch",
        version: "v1",
        kind: "Job",
        plural: "jobs",
        subresources: [.status]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: Status?
    public var unknownFields = UnknownFields()

    public struct Status: Codable, Hashable, Sendable {
        public var conditions: [Condition]?
        public var unknownFields = UnknownFields()
    }

    public struct Condition: Codable, Hashable, Sendable {
        public var type: String
        public var status: String?
        public var reason: String?
        public var message: String?
        public var unknownFields = UnknownFields()
    }

    /// `Complete` or `Failed` when the Job finished; nil while it runs.
    public var finishedCondition: Condition? {
        status?.conditions?.first { ($0.type == "Complete" || $0.type == "Failed") && $0.status != "False" }
    }
}
