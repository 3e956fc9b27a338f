import KubeAPI

/// Strategic merge patch for built-in kinds: maps merge, lists of named things merge by their key
/// (`containers` by name, container `ports` by containerPort, …), other lists are replaced, and the
/// `$patch` / `$setElementOrder` / `$retainKeys` / `$deleteFromPrimitiveList` directives are honoured or
/// tolerated as kubectl sends them.
enum StrategicMergePatch {
    /// Merge keys by field name, as declared by the Kubernetes API types Vane and kubectl touch.
    static let mergeKeys: [String: String] = [
        "containers": "name",
        "initContainers": "name",
        "ephemeralContainers": "name",
        "env": "name",
        "volumes": "name",
        "volumeMounts": "mountPath",
        "volumeDevices": "devicePath",
        "imagePullSecrets": "name",
        "hostAliases": "ip",
        "topologySpreadConstraints": "topologyKey",
        "conditions": "type",
        "ownerReferences": "uid",
        "containerStatuses": "name",
    ]

    static func apply(_ patch: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        try merge(patch, into: target, fieldName: nil)
    }

    private static func merge(
        _ patch: JSONValue,
        into target: JSONValue,
        fieldName: String?
    ) throws(APIError) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        if patchObject["$patch"]?.stringValue == "replace" {
            var replacement = patchObject
            _ = replacement.removeValue(forKey: "$patch")
            return .object(replacement)
        }
        if patchObject["$patch"]?.stringValue == "delete" { return .null }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if key.hasPrefix("$setElementOrder/") || key == "$retainKeys" || key == "$patch" { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let removed = value.arrayValue ?? []
                if let existing = result[field]?.arrayValue {
                    result[field] = .array(existing.filter { !removed.contains($0) })
                }
                continue
            }
            if value.isNull {
                _ = result.removeValue(forKey: key)
                continue
            }
            switch value {
            case .object:
                let merged = try merge(value, into: result[key] ?? .null, fieldName: key)
                if merged.isNull { _ = result.removeValue(forKey: key) } else { result[key] = merged }
            case .array(let items):
                result[key] = .array(
                    try mergeList(items, into: result[key]?.arrayValue ?? [], fieldName: key, parent: fieldName)
                )
            default:
                result[key] = value
            }
        }
        return .object(result)
    }

    private static func mergeKey(for field: String, parent: String?) -> String? {
        if field == "ports" { return parent == "spec" ? "port" : "containerPort" }
        return mergeKeys[field]
    }

    private static func mergeList(
        _ patch: [JSONValue],
        into existing: [JSONValue],
        fieldName: String,
        parent: String?
    ) throws(APIError) -> [JSONValue] {
        guard let key = mergeKey(for: fieldName, parent: parent), patch.allSatisfy({ $0.objectValue != nil }) else {
            return patch
        }
        if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
            return patch.filter { $0["$patch"]?.stringValue != "replace" }
        }
        var result = existing
        for item in patch {
            let identity = item[key]
            let index = result.firstIndex { identity != nil && $0[key] == identity }
            if item["$patch"]?.stringValue == "delete" {
                if let index { result.remove(at: index) }
                continue
            }
            if let index {
                result[index] = try merge(item, into: result[index], fieldName: fieldName)
            } else {
                result.append(try merge(item, into: .null, fieldName: fieldName))
            }
        }
        return result
    }
}
