/// Reads the Protocol Buffers wire format field by field, independently of the server's writer, so a
/// test can check every field number, length and value the server encodes.
struct ProtobufFields {
    enum Value: Equatable {
        case varint(UInt64)
        case bytes([UInt8])
    }

    enum DecodingError: Error, Equatable {
        case truncated
        case overlongVarint
        case unsupportedWireType(UInt64)
        case notAMessage(field: Int)
    }

    /// Every field in the order written (repeated fields appear once per value).
    var fields: [(number: Int, value: Value)] = []

    init(_ bytes: [UInt8]) throws {
        var index = 0
        while index < bytes.count {
            let key = try Self.varint(bytes, at: &index)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                fields.append((number, .varint(try Self.varint(bytes, at: &index))))
            case 2:
                let length = Int(try Self.varint(bytes, at: &index))
                guard length <= bytes.count - index else { throw DecodingError.truncated }
                fields.append((number, .bytes(Array(bytes[index..<index + length]))))
                index += length
            case let type:
                throw DecodingError.unsupportedWireType(type)
            }
        }
    }

    static func varint(_ bytes: [UInt8], at index: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < bytes.count else { throw DecodingError.truncated }
            guard shift < 64 else { throw DecodingError.overlongVarint }
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// The payloads of every length-delimited field `number`.
    func payloads(_ number: Int) -> [[UInt8]] {
        fields.compactMap { field in
            guard field.number == number, case .bytes(let bytes) = field.value else { return nil }
            return bytes
        }
    }

    func messages(_ number: Int) throws -> [ProtobufFields] {
        try payloads(number).map { try ProtobufFields($0) }
    }

    /// The one embedded message `number`; throws when it is absent.
    func message(_ number: Int) throws -> ProtobufFields {
        guard let payload = payloads(number).first else { throw DecodingError.notAMessage(field: number) }
        return try ProtobufFields(payload)
    }

    func strings(_ number: Int) -> [String] {
        payloads(number).map { String(decoding: $0, as: UTF8.self) }
    }

    func string(_ number: Int) -> String? { strings(number).first }

    func bool(_ number: Int) -> Bool? {
        for field in fields where field.number == number {
            if case .varint(let value) = field.value { return value != 0 }
        }
        return nil
    }

    /// The field numbers present, in order, each once.
    var numbers: [Int] {
        var seen: [Int] = []
        for field in fields where !seen.contains(field.number) { seen.append(field.number) }
        return seen
    }
}
