/// A `Decoder` that reads a ``JSONValue`` tree. Used through ``KubeJSON``.
///
/// Beyond the standard protocol it fills ``UnknownFields`` with the members a type does not
/// declare, and copies ``JSONValue`` subtrees without re-decoding them.
struct JSONTreeDecoder: Decoder {
    let value: JSONValue
    let path: CodingPathNode

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch(
                JSONObject.self,
                .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.typeName)")
            )
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else {
            throw DecodingError.typeMismatch(
                [JSONValue].self,
                .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.typeName)")
            )
        }
        return UnkeyedContainer(array: array, path: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, path: path)
    }

    /// Decodes a value of any type from a subtree, with fast paths for common leaf types.
    static func decode<T: Decodable>(
        _ type: T.Type,
        from value: JSONValue,
        path: @autoclosure () -> CodingPathNode
    ) throws -> T {
        if T.self == String.self {
            guard case .string(let string) = value else { throw mismatch(type, value, path()) }
            return try cast(string, path())
        }
        if T.self == Int.self { return try cast(try int(Int.self, from: value, path: path()), path()) }
        if T.self == Bool.self {
            guard case .bool(let bool) = value else { throw mismatch(type, value, path()) }
            return try cast(bool, path())
        }
        if T.self == JSONValue.self { return try cast(value, path()) }
        if T.self == [String: String].self {
            guard case .object(let object) = value else { throw mismatch(type, value, path()) }
            var dictionary: [String: String] = [:]
            dictionary.reserveCapacity(object.count)
            for (key, member) in object {
                guard case .string(let string) = member else {
                    throw mismatch(String.self, member, .key(key, path()))
                }
                dictionary[key] = string
            }
            return try cast(dictionary, path())
        }
        return try T(from: JSONTreeDecoder(value: value, path: path()))
    }

    private static func cast<T, U>(_ value: U, _ path: @autoclosure () -> CodingPathNode) throws -> T {
        guard let typed = value as? T else {
            throw DecodingError.typeMismatch(
                T.self,
                .init(codingPath: path().codingPath, debugDescription: "internal cast")
            )
        }
        return typed
    }

    static func mismatch(
        _ type: Any.Type,
        _ value: JSONValue,
        _ path: @autoclosure () -> CodingPathNode
    ) -> DecodingError {
        let expected: String =
            switch type {
            case is String.Type: "string"
            case is Bool.Type: "boolean"
            case is any BinaryInteger.Type: "integer"
            case is any BinaryFloatingPoint.Type: "number"
            default: "\(type)"
            }
        return DecodingError.typeMismatch(
            type,
            .init(codingPath: path().codingPath, debugDescription: "expected \(expected), found \(value.typeName)")
        )
    }

    static func int<T: FixedWidthInteger>(
        _ type: T.Type,
        from value: JSONValue,
        path: @autoclosure () -> CodingPathNode
    ) throws -> T {
        guard case .number(let number) = value else { throw mismatch(type, value, path()) }
        if let exact = T(number.text) { return exact }
        if let wide = number.int64Value, let narrow = T(exactly: wide) { return narrow }
        if T.self == UInt64.self || T.self == UInt.self, let wide = number.uint64Value, let narrow = T(exactly: wide) {
            return narrow
        }
        throw DecodingError.dataCorrupted(
            .init(codingPath: path().codingPath, debugDescription: "number \(number.text) does not fit in \(type)")
        )
    }

    static func floating<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ type: T.Type,
        from value: JSONValue,
        path: @autoclosure () -> CodingPathNode
    ) throws -> T {
        guard case .number(let number) = value else { throw mismatch(type, value, path()) }
        guard let result = T(number.text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path().codingPath, debugDescription: "number \(number.text) does not fit in \(type)")
            )
        }
        return result
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let path: CodingPathNode

    var codingPath: [any CodingKey] { path.codingPath }
    var allKeys: [Key] { object.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        object.contains(key: key.stringValue)
    }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: codingPath, debugDescription: "required field \"\(key.stringValue)\" is missing")
            )
        }
        return value
    }

    private func nonNullMember<T>(_ key: Key, _ type: T.Type) throws -> JSONValue {
        let value = try member(key)
        if case .null = value {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: path.appending(key).codingPath,
                    debugDescription: "required field \"\(key.stringValue)\" is null"
                )
            )
        }
        return value
    }

    /// Members whose keys `Key` does not declare: the content of an ``UnknownFields`` property.
    private var unknownMembers: UnknownFields {
        var unknown = JSONObject()
        for (key, member) in object where Key(stringValue: key) == nil {
            unknown[key] = member
        }
        return UnknownFields(unknown)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = object[key.stringValue] else { return true }
        return value.isNull
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try JSONTreeDecoder.decode(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try JSONTreeDecoder.decode(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try JSONTreeDecoder.floating(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try JSONTreeDecoder.floating(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try JSONTreeDecoder.int(type, from: nonNullMember(key, type), path: path.appending(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if T.self == UnknownFields.self, let unknown = unknownMembers as? T { return unknown }
        return try JSONTreeDecoder.decode(type, from: nonNullMember(key, type), path: path.appending(key))
    }

    // One lookup instead of the default contains + decodeNil + decode.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if T.self == UnknownFields.self, let unknown = unknownMembers as? T { return unknown }
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try JSONTreeDecoder.decode(type, from: value, path: path.appending(key))
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try JSONTreeDecoder.decode(type, from: value, path: path.appending(key))
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try JSONTreeDecoder.decode(type, from: value, path: path.appending(key))
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try JSONTreeDecoder.int(type, from: value, path: path.appending(key))
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try JSONTreeDecoder.int(type, from: value, path: path.appending(key))
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try JSONTreeDecoder.int(type, from: value, path: path.appending(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(value: member(key), path: path.appending(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONTreeDecoder(value: member(key), path: path.appending(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONTreeDecoder(value: object["super"] ?? .null, path: path.appending(PathKey(stringValue: "super")))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONTreeDecoder(value: object[key.stringValue] ?? .null, path: path.appending(key))
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let array: [JSONValue]
    let path: CodingPathNode
    var currentIndex = 0

    init(array: [JSONValue], path: CodingPathNode) {
        self.array = array
        self.path = path
    }

    var codingPath: [any CodingKey] { path.codingPath }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, CodingPathNode) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(codingPath: codingPath, debugDescription: "unexpected end of array")
            )
        }
        let elementPath = path.appending(index: currentIndex)
        let value = array[currentIndex]
        currentIndex += 1
        return (value, elementPath)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, array[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, elementPath) = try next(type)
        if case .null = value, T.self != JSONValue.self {
            throw DecodingError.valueNotFound(type, .init(codingPath: elementPath.codingPath, debugDescription: "null"))
        }
        return try JSONTreeDecoder.decode(type, from: value, path: elementPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, elementPath) = try next(JSONObject.self)
        return try JSONTreeDecoder(value: value, path: elementPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, elementPath) = try next([JSONValue].self)
        return try JSONTreeDecoder(value: value, path: elementPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, elementPath) = try next(JSONValue.self)
        return JSONTreeDecoder(value: value, path: elementPath)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let path: CodingPathNode

    var codingPath: [any CodingKey] { path.codingPath }

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool { try JSONTreeDecoder.decode(type, from: value, path: path) }
    func decode(_ type: String.Type) throws -> String { try JSONTreeDecoder.decode(type, from: value, path: path) }
    func decode(_ type: Double.Type) throws -> Double { try JSONTreeDecoder.floating(type, from: value, path: path) }
    func decode(_ type: Float.Type) throws -> Float { try JSONTreeDecoder.floating(type, from: value, path: path) }
    func decode(_ type: Int.Type) throws -> Int { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONTreeDecoder.int(type, from: value, path: path) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONTreeDecoder.int(type, from: value, path: path) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONTreeDecoder.decode(type, from: value, path: path)
    }
}
