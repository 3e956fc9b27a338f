import OrderedCollections

/// A JSON object that remembers the order of its keys.
///
/// Backed by swift-collections' `OrderedDictionary`: lookups hash rather than scan, while iteration,
/// serialization and encoding keep the order in which keys were read or first set. That order is
/// part of what Vane preserves when it writes an object back (docs/unknown-fields.md). Equality and
/// hashing ignore key order.
public struct JSONObject: Sendable {
    private var members: OrderedDictionary<String, JSONValue>

    public init() {
        self.members = [:]
    }

    /// Builds an object from key-value pairs; a later duplicate key replaces the earlier value (in the
    /// earlier key's place).
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.members = OrderedDictionary(pairs, uniquingKeysWith: { _, later in later })
    }

    /// Builds an object from members in the order they were read; a later duplicate key replaces the
    /// earlier value, as Go's decoder does.
    init(reading pairs: ArraySlice<(key: String, value: JSONValue)>) {
        if pairs.count <= Self.scannedForDuplicates, !Self.hasDuplicateKeys(pairs) {
            // The usual case, an object of a few distinct keys: built without hashing its keys again.
            self.members = OrderedDictionary(uncheckedUniqueKeysWithValues: pairs)
            return
        }
        var members = OrderedDictionary<String, JSONValue>(minimumCapacity: pairs.count)
        for (key, value) in pairs { members[key] = value }
        self.members = members
    }

    /// Up to this many keys a scan finds duplicates faster than hashing (OrderedDictionary itself
    /// scans up to 15 keys rather than build a hash table).
    private static let scannedForDuplicates = 16

    private static func hasDuplicateKeys(_ pairs: ArraySlice<(key: String, value: JSONValue)>) -> Bool {
        var index = pairs.startIndex
        while index < pairs.endIndex {
            let key = pairs[index].key
            if pairs[(index + 1)...].contains(where: { $0.key == key }) { return true }
            index += 1
        }
        return false
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.keys.elements }

    public func contains(key: String) -> Bool {
        members.index(forKey: key) != nil
    }

    /// Reading returns the value or `nil`. Writing replaces in place (keeping the key's position),
    /// appends a new key, or removes the key when the new value is `nil`.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        members.removeValue(forKey: key)
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        members.makeIterator()
    }

    public var underestimatedCount: Int { members.count }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (key, value) in lhs.members {
            guard let other = rhs.members[key], other == value else { return false }
        }
        return true
    }

    /// Order-independent, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in members {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
