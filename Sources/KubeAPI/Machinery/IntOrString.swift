/// A field that is either an integer or a string, usually a percentage (`intstr.IntOrString`),
/// e.g. `maxSurge: 25%` or `maxSurge: 1`.
public enum IntOrString: Hashable, Sendable, Codable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) {
            self = .int(int)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            throw DecodingError.typeMismatch(
                IntOrString.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected an integer or a string")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let int): try container.encode(int)
        case .string(let string): try container.encode(string)
        }
    }

    public var description: String {
        switch self {
        case .int(let int): String(int)
        case .string(let string): string
        }
    }
}
