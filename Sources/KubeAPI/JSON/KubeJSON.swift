/// The one way Vane turns Kubernetes JSON into Swift values and back.
///
/// Decoding parses bytes into a ``JSONValue`` tree and decodes the tree; encoding does the
/// reverse. Unlike Foundation's coders it keeps members a type does not model (``UnknownFields``),
/// keeps key order and number spelling, and reports errors with Kubernetes field paths.
public enum KubeJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try decode(type, from: JSONParser.parse(bytes))
    }

    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONTreeDecoder.decode(type, from: value, path: .root)
    }

    public static func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONTreeEncoder.encode(value, path: .root)
    }

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        JSONSerializer.serialize(try encodeValue(value))
    }

    /// One line for a decoding failure: `spec.replicas: expected integer, found string`.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let syntax as JSONSyntaxError:
            return syntax.description
        case DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.fieldPath
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).fieldPath
            return "\(path): required field is missing"
        default:
            return String(describing: error)
        }
    }
}
