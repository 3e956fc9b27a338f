/// An `Encoder` that builds a ``JSONValue`` tree. Used through ``KubeJSON``.
///
/// Keys come out in the order they are encoded (declaration order for synthesized
/// conformances); ``UnknownFields`` members are spliced into the enclosing object.
final class JSONTreeEncoder: Encoder {
    /// The slot this encoder writes into. Containers share it, as `Encoder` requires.
    fileprivate let slot: EncodingSlot
    let path: CodingPathNode

    fileprivate init(slot: EncodingSlot, path: CodingPathNode) {
        self.slot = slot
        self.path = path
    }

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(object: slot.makeObject(), path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(array: slot.makeArray(), path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(slot: slot, path: path)
    }

    /// Encodes any value to a tree, with fast paths for leaf types.
    static func encode<T: Encodable>(_ value: T, path: CodingPathNode) throws -> JSONValue {
        if let leaf = try leafValue(value, path: path) { return leaf }
        let slot = EncodingSlot()
        try value.encode(to: JSONTreeEncoder(slot: slot, path: path))
        return slot.materialize()
    }

    private static func leafValue<T: Encodable>(_ value: T, path: CodingPathNode) throws -> JSONValue? {
        switch value {
        case let string as String: return .string(string)
        case let int as Int: return .number(JSONNumber(int))
        case let bool as Bool: return .bool(bool)
        case let json as JSONValue: return json
        case let double as Double: return try number(double, path: path)
        case let dictionary as [String: String]:
            // Sorted, as Go's encoder writes maps, so output is stable.
            var object = JSONObject()
            for key in dictionary.keys.sorted() {
                if let string = dictionary[key] { object[key] = .string(string) }
            }
            return .object(object)
        default: return nil
        }
    }

    static func number(_ double: Double, path: CodingPathNode) throws -> JSONValue {
        guard double.isFinite else {
            throw EncodingError.invalidValue(
                double,
                .init(codingPath: path.codingPath, debugDescription: "\(double) has no JSON representation")
            )
        }
        return .number(JSONNumber(double))
    }
}

/// A node under construction. Nested containers hold references so that they can be filled
/// after they were attached to their parent.
private final class EncodingSlot {
    enum Content {
        case empty
        case value(JSONValue)
        case object(ObjectBuilder)
        case array(ArrayBuilder)
    }

    var content: Content = .empty

    func makeObject() -> ObjectBuilder {
        if case .object(let existing) = content { return existing }
        let builder = ObjectBuilder()
        content = .object(builder)
        return builder
    }

    func makeArray() -> ArrayBuilder {
        if case .array(let existing) = content { return existing }
        let builder = ArrayBuilder()
        content = .array(builder)
        return builder
    }

    func materialize() -> JSONValue {
        switch content {
        case .empty: .object(JSONObject())
        case .value(let value): value
        case .object(let builder): .object(builder.materialize())
        case .array(let builder): .array(builder.materialize())
        }
    }
}

private final class ObjectBuilder {
    var keys: [String] = []
    var slots: [EncodingSlot] = []

    func slot(forKey key: String) -> EncodingSlot {
        if let index = keys.firstIndex(of: key) { return slots[index] }
        let slot = EncodingSlot()
        keys.append(key)
        slots.append(slot)
        return slot
    }

    func set(_ value: JSONValue, forKey key: String) {
        slot(forKey: key).content = .value(value)
    }

    func materialize() -> JSONObject {
        var object = JSONObject()
        for (key, slot) in zip(keys, slots) { object[key] = slot.materialize() }
        return object
    }
}

private final class ArrayBuilder {
    var slots: [EncodingSlot] = []

    func append() -> EncodingSlot {
        let slot = EncodingSlot()
        slots.append(slot)
        return slot
    }

    func materialize() -> [JSONValue] {
        slots.map { $0.materialize() }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectBuilder
    let path: CodingPathNode

    var codingPath: [any CodingKey] { path.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        object.set(.null, forKey: key.stringValue)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let unknown = value as? UnknownFields {
            for (name, member) in unknown.object where !object.keys.contains(name) {
                object.set(member, forKey: name)
            }
            return
        }
        object.set(try JSONTreeEncoder.encode(value, path: path.appending(key)), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let slot = object.slot(forKey: key.stringValue)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: slot.makeObject(), path: path.appending(key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let slot = object.slot(forKey: key.stringValue)
        return UnkeyedContainer(array: slot.makeArray(), path: path.appending(key))
    }

    mutating func superEncoder() -> any Encoder {
        JSONTreeEncoder(slot: object.slot(forKey: "super"), path: path.appending(PathKey(stringValue: "super")))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONTreeEncoder(slot: object.slot(forKey: key.stringValue), path: path.appending(key))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayBuilder
    let path: CodingPathNode

    var codingPath: [any CodingKey] { path.codingPath }
    var count: Int { array.slots.count }

    mutating func encodeNil() throws {
        array.append().content = .value(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let elementPath = path.appending(index: array.slots.count)
        array.append().content = .value(try JSONTreeEncoder.encode(value, path: elementPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let elementPath = path.appending(index: array.slots.count)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: array.append().makeObject(), path: elementPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let elementPath = path.appending(index: array.slots.count)
        return UnkeyedContainer(array: array.append().makeArray(), path: elementPath)
    }

    mutating func superEncoder() -> any Encoder {
        let elementPath = path.appending(index: array.slots.count)
        return JSONTreeEncoder(slot: array.append(), path: elementPath)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: EncodingSlot
    let path: CodingPathNode

    var codingPath: [any CodingKey] { path.codingPath }

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws {
        slot.content = .value(try JSONTreeEncoder.number(value, path: path))
    }
    mutating func encode(_ value: Float) throws {
        slot.content = .value(try JSONTreeEncoder.number(Double(value), path: path))
    }
    mutating func encode(_ value: Int) throws { slot.content = .value(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(.number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(.number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(.number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.number(JSONNumber(value))) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(.number(JSONNumber(UInt64(value)))) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(.number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(.number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(.number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt64) throws { slot.content = .value(.number(JSONNumber(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        slot.content = .value(try JSONTreeEncoder.encode(value, path: path))
    }
}
