/// Reads a `fieldRef.fieldPath` from an object, as the incumbent does for analysis arguments:
/// `metadata.name`, `metadata.namespace`, `metadata.uid`, `metadata.labels['k']`,
/// `metadata.annotations['k']`, or any path into the object (`spec.template.spec.containers[0].image`)
/// that ends in a string, number or boolean.
public enum FieldPath {
    /// The value at `path` in `object` (JSON), as text. `kind` names the object in messages.
    public static func value(at path: String, in object: JSONValue, kind: String) throws(AnalysisSpecError) -> String {
        if path.hasPrefix("metadata") { return try metadataValue(at: path, in: object) }
        var current: JSONValue? = object
        for section in path.split(whereSeparator: { $0 == "." || $0 == "[" || $0 == "]" }) {
            switch current {
            case .array(let elements):
                guard let index = Int(section) else { throw AnalysisSpecError("invalid index '\(section)'") }
                guard index >= 0, index < elements.count else {
                    throw AnalysisSpecError("index \(index) out of range")
                }
                current = elements[index]
            case .object(let members):
                current = members[String(section)]
            default:
                throw AnalysisSpecError("invalid path \(path) in \(kind)")
            }
        }
        switch current {
        case nil, .null?: throw AnalysisSpecError("invalid path \(path) in \(kind)")
        case .string(let text)?: return text
        case .number(let number)?: return number.text
        case .bool(let flag)?: return flag ? "true" : "false"
        case .array?, .object?:
            throw AnalysisSpecError("path \(path) in \(kind) must terminate in a primitive value")
        }
    }

    private static func metadataValue(at path: String, in object: JSONValue) throws(AnalysisSpecError) -> String {
        let metadata = object["metadata"]
        if let open = path.firstIndex(of: "["), path.hasSuffix("]") {
            let field = String(path[..<open])
            var key = path[path.index(after: open)..<path.index(before: path.endIndex)]
            if key.count >= 2, let first = key.first, first == key.last, first == "'" || first == "\"" {
                key = key.dropFirst().dropLast()
            }
            guard field == "metadata.labels" || field == "metadata.annotations" else {
                throw AnalysisSpecError("unsupported fieldPath: \(path)")
            }
            let map = metadata?[field == "metadata.labels" ? "labels" : "annotations"]
            return map?[String(key)]?.stringValue ?? ""
        }
        switch path {
        case "metadata.name", "metadata.namespace", "metadata.uid":
            return metadata?[String(path.dropFirst("metadata.".count))]?.stringValue ?? ""
        case "metadata.labels", "metadata.annotations":
            let members = metadata?[String(path.dropFirst("metadata.".count))]?.objectValue
            return (members.map(Array.init) ?? []).sorted { $0.key < $1.key }
                .map { "\($0.key)=\"\($0.value.stringValue ?? "")\"" }.joined(separator: "\n")
        default:
            throw AnalysisSpecError("unsupported fieldPath: \(path)")
        }
    }
}
