public import KubeAPI

/// A value in the conditions language: what `result` holds and what expressions compute.
///
/// JSON numbers become `float` (as Go's JSON decoding makes them `float64`, so expressions behave
/// as they do in the incumbent); integer literals and counts are `int`.
public enum ConditionValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case array([ConditionValue])
    case map([String: ConditionValue])

    /// A JSON document as a condition value.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .float(number.doubleValue ?? .nan)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(ConditionValue.init))
        case .object(let object):
            var members: [String: ConditionValue] = [:]
            for field in object { members[field.key] = ConditionValue(field.value) }
            self = .map(members)
        }
    }

    /// The type's name in messages, as the incumbent (Go) spells the common ones.
    public var typeName: String {
        switch self {
        case .null: "nil"
        case .bool: "bool"
        case .int: "int"
        case .float: "float64"
        case .string: "string"
        case .array: "array"
        case .map: "map"
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as a Double when it is a number.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    /// Go's `%v`-like rendering for messages: `[1 2]`, `map[a:1]`, `true`, `0.5`, `<nil>`.
    public var description: String {
        switch self {
        case .null: "<nil>"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let value): String(value)
        case .float(let value): GoFloat.format(value)
        case .string(let text): text
        case .array(let elements): "[" + elements.map(\.description).joined(separator: " ") + "]"
        case .map(let members):
            "map[" + members.keys.sorted().map { "\($0):\(members[$0]?.description ?? "")" }.joined(separator: " ")
                + "]"
        }
    }
}
