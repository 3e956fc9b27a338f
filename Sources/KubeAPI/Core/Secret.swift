/// A `core/v1` Secret: analysis providers read credentials from them.
///
/// `data` values are kept as the base64 text the API server sends; decode them where they are
/// used so that secrets are not held decoded longer than needed.
public struct Secret: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Secret",
        plural: "secrets"
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// Base64-encoded values.
    public var data: [String: String]?
    /// Write-only plain-text values; the API server merges them into `data`.
    public var stringData: [String: String]?
    public var type: String?
    public var immutable: Bool?
    public var unknownFields = UnknownFields()

    public init(
        metadata: ObjectMeta = ObjectMeta(),
        data: [String: String]? = nil,
        stringData: [String: String]? = nil,
        type: String? = nil,
        immutable: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.data = data
        self.stringData = stringData
        self.type = type
        self.immutable = immutable
    }
}
