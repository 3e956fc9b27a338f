/// Any Kubernetes object as a JSON tree, for kinds Vane has no type for (CRDs the CLI lists,
/// `apply` of arbitrary manifests, the embedded API server's storage).
///
/// Decoding copies the subtree as it is; typed accessors read and write the common parts.
public struct DynamicObject: Codable, Hashable, Sendable {
    public var value: JSONValue

    public init(_ value: JSONValue) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        self.value = try decoder.singleValueContainer().decode(JSONValue.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var apiVersion: String? {
        get { value["apiVersion"]?.stringValue }
        set { value.setValue(newValue.map(JSONValue.string), at: ["apiVersion"]) }
    }

    public var kind: String? {
        get { value["kind"]?.stringValue }
        set { value.setValue(newValue.map(JSONValue.string), at: ["kind"]) }
    }

    /// The group/version of `apiVersion` (`apps/v1` → group `apps`; `v1` → the core group).
    public var groupVersion: GroupVersion? {
        apiVersion.map { GroupVersion(apiVersion: $0) }
    }

    /// The object's metadata, typed. Reading throws if `metadata` is malformed; an absent
    /// `metadata` reads as empty. Writing replaces the subtree (unknown metadata fields kept by
    /// ``ObjectMeta`` are written back).
    public func metadata() throws -> ObjectMeta {
        guard let metadata = value["metadata"], !metadata.isNull else { return ObjectMeta() }
        return try KubeJSON.decode(ObjectMeta.self, from: metadata)
    }

    public mutating func setMetadata(_ metadata: ObjectMeta) throws {
        value.setValue(try KubeJSON.encodeValue(metadata), at: ["metadata"])
    }

    public var name: String? { value[path: "metadata", "name"]?.stringValue }
    public var namespace: String? { value[path: "metadata", "namespace"]?.stringValue }
    public var resourceVersion: String? { value[path: "metadata", "resourceVersion"]?.stringValue }
    public var uid: String? { value[path: "metadata", "uid"]?.stringValue }

    public var key: ObjectKey { ObjectKey(namespace: namespace ?? "", name: name ?? "") }

    /// Converts to a typed object.
    public func decode<Object: Decodable>(as type: Object.Type) throws -> Object {
        try KubeJSON.decode(type, from: value)
    }

    /// Wraps a typed object.
    public init(encoding object: some Encodable) throws {
        self.value = try KubeJSON.encodeValue(object)
    }
}
