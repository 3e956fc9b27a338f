/// A `core/v1` Namespace: the embedded cluster creates them and the CLI checks they exist.
public struct Namespace: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Namespace",
        plural: "namespaces",
        namespaced: false,
        shortNames: ["ns"],
        subresources: [.status]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// `finalizers` only; kept as JSON.
    public var spec: JSONValue?
    public var status: NamespaceStatus?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: JSONValue? = nil, status: NamespaceStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The observed state of a ``Namespace``.
public struct NamespaceStatus: Codable, Hashable, Sendable {
    /// `Active` or `Terminating`.
    public var phase: String?
    public var conditions: JSONValue?
    public var unknownFields = UnknownFields()

    public init(phase: String? = nil, conditions: JSONValue? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}
