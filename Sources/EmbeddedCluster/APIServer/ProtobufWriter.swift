/// The Protocol Buffers wire format, as much of it as the server's one protobuf document needs:
/// strings, booleans and embedded messages, each behind its field number.
///
/// kubectl before 1.27 downloads `/openapi/v2` only as protobuf (gnostic's `openapi.v2.Document`);
/// this writes that without a protobuf library. Lengths and keys are varints of any size.
struct ProtobufWriter {
    /// The encoded fields so far.
    private(set) var bytes: [UInt8] = []

    /// How a field's value is laid out after its key.
    enum WireType: UInt64 {
        case varint = 0
        case lengthDelimited = 2
    }

    init() {}

    /// A `string` field (UTF-8).
    mutating func string(_ field: Int, _ value: String) {
        lengthDelimited(field, Array(value.utf8))
    }

    /// A `bool` field.
    mutating func bool(_ field: Int, _ value: Bool) {
        key(field, .varint)
        varint(value ? 1 : 0)
    }

    /// An embedded message field, written by `body` (an empty body is a present, empty message).
    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        lengthDelimited(field, nested.bytes)
    }

    /// A length-delimited field: its key, the payload's length as a varint, the payload.
    mutating func lengthDelimited(_ field: Int, _ payload: [UInt8]) {
        key(field, .lengthDelimited)
        varint(UInt64(payload.count))
        bytes += payload
    }

    private mutating func key(_ field: Int, _ type: WireType) {
        precondition(field > 0 && field < 1 << 29, "protobuf field numbers are 1...2^29-1")
        varint(UInt64(field) << 3 | type.rawValue)
    }

    /// Seven bits a byte, least significant first; the high bit says another byte follows.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
