/// JSON merge patch (RFC 7386): objects merge recursively, `null` removes a member, anything else replaces.
/// One definition serves the embedded API server and the controller's in-memory writer, so both
/// patch exactly as a real API server does.
public enum MergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if value.isNull {
                _ = result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
