/// A `core/v1` Endpoints object: which pod addresses back a Service. Vane only checks that a
/// switched Service has ready addresses, so `subsets` stay as JSON.
public struct Endpoints: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Endpoints",
        plural: "endpoints",
        singular: "endpoints",
        shortNames: ["ep"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var subsets: JSONValue?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), subsets: JSONValue? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.subsets = subsets
    }

    /// The number of ready addresses over all subsets.
    public var readyAddressCount: Int {
        (subsets?.arrayValue ?? []).reduce(0) { $0 + ($1["addresses"]?.arrayValue?.count ?? 0) }
    }
}
