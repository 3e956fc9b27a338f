import KubeAPI

/// Read and write access to the `metadata` of an object held as a JSON tree.
///
/// The server works on trees rather than typed structs so it serves any kind, including fields it has never
/// heard of, exactly as written.
extension JSONValue {
    func metadataString(_ key: String) -> String? {
        self[path: "metadata", key]?.stringValue
    }

    mutating func setMetadata(_ key: String, _ value: JSONValue?) {
        if self["metadata"]?.objectValue == nil { setValue(.object(JSONObject()), at: ["metadata"]) }
        setValue(value, at: ["metadata", key])
    }

    var name: String? { metadataString("name") }
    var namespace: String? { metadataString("namespace") }
    var uid: String? { metadataString("uid") }

    var labels: [String: String] { stringMap(at: ["metadata", "labels"]) }

    func stringMap(at path: [String]) -> [String: String] {
        guard let object = value(at: path)?.objectValue else { return [:] }
        var map: [String: String] = [:]
        for (key, value) in object { if let text = value.stringValue { map[key] = text } }
        return map
    }

    var finalizers: [String] {
        self[path: "metadata", "finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    var ownerReferences: [JSONValue] {
        self[path: "metadata", "ownerReferences"]?.arrayValue ?? []
    }

    var isTerminating: Bool {
        if let stamp = self[path: "metadata", "deletionTimestamp"], !stamp.isNull { return true }
        return false
    }

    /// Everything except `metadata` and `status`: a change here bumps `metadata.generation`.
    var specContent: JSONValue {
        guard var object = objectValue else { return self }
        _ = object.removeValue(forKey: "metadata")
        _ = object.removeValue(forKey: "status")
        _ = object.removeValue(forKey: "apiVersion")
        _ = object.removeValue(forKey: "kind")
        return .object(object)
    }
}
