/// core/v1 ConfigMap: configuration data as string (or base64 binary) entries.
public struct ConfigMap: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", shortNames: ["cm"])

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var binaryData: [String: String]?
    public var immutable: Bool?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta, data: [String: String]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.data = data
    }
}
