/// A typed Kubernetes object: it knows its resource and carries `ObjectMeta`.
///
/// Conforming types are plain `Codable` structs decoded with ``KubeJSON``; each declares
/// `unknownFields` so that updates keep fields Vane does not model.
public protocol KubeObject: Codable, Sendable {
    static var resource: ResourceDescriptor { get }
    /// Optional because the API server omits it on items of typed lists.
    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension KubeObject {
    public static var apiVersionValue: String { resource.apiVersion }
    public static var kindValue: String { resource.kind }

    public var key: ObjectKey {
        ObjectKey(namespace: metadata.namespace ?? "", name: metadata.name ?? "")
    }

    /// A copy with `apiVersion` and `kind` filled in, as the API server expects on writes.
    public func withTypeMeta() -> Self {
        var copy = self
        copy.apiVersion = Self.resource.apiVersion
        copy.kind = Self.resource.kind
        return copy
    }
}

/// A list response: `{"kind": "...List", "metadata": {...}, "items": [...]}`.
public struct KubeList<Item: Codable & Sendable>: Codable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public init(apiVersion: String? = nil, kind: String? = nil, metadata: ListMeta = ListMeta(), items: [Item]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, items
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        // The API server writes `"items": null` for empty lists of some kinds.
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
