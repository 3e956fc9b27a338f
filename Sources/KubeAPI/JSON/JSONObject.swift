/// A JSON object that remembers the order of its keys.
///
/// Kubernetes objects are small maps; a flat array keeps them compact and makes
/// lookups a short linear scan. Equality ignores key order.
public struct JSONObject: Sendable {
    public struct Field: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init() {
        self.fields = []
    }

    /// Builds an object from key-value pairs; a later duplicate key replaces the earlier value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.fields = []
        for (key, value) in pairs { self[key] = value }
    }

    /// Builds an object from fields whose keys are known to be unique (the parser checks that).
    init(uniqueFields: [Field]) {
        self.fields = uniqueFields
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    public var keys: [String] { fields.map(\.key) }

    public func index(forKey key: String) -> Int? {
        fields.firstIndex { $0.key == key }
    }

    public func contains(key: String) -> Bool {
        index(forKey: key) != nil
    }

    /// Reading returns the value or `nil`. Writing replaces in place (keeping the key's position),
    /// appends a new key, or removes the key when the new value is `nil`.
    public subscript(key: String) -> JSONValue? {
        get {
            for field in fields where field.key == key { return field.value }
            return nil
        }
        set {
            if let index = index(forKey: key) {
                if let newValue {
                    fields[index].value = newValue
                } else {
                    fields.remove(at: index)
                }
            } else if let newValue {
                fields.append(Field(key: key, value: newValue))
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = index(forKey: key) else { return nil }
        return fields.remove(at: index).value
    }

    /// Appends without checking for an existing key; callers guarantee uniqueness.
    mutating func appendUnique(key: String, value: JSONValue) {
        fields.append(Field(key: key, value: value))
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        fields.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.fields.count == rhs.fields.count else { return false }
        // Fast path: same order.
        if zip(lhs.fields, rhs.fields).allSatisfy({ $0.key == $1.key && $0.value == $1.value }) { return true }
        for field in lhs.fields {
            guard let other = rhs[field.key], other == field.value else { return false }
        }
        return true
    }

    /// Order-independent, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for field in fields {
            var fieldHasher = Hasher()
            fieldHasher.combine(field.key)
            fieldHasher.combine(field.value)
            combined ^= fieldHasher.finalize()
        }
        hasher.combine(fields.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
