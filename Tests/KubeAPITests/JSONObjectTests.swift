import KubeAPI
import Testing

/// The ordered object behind `JSONValue.object`: order kept, lookups by key, order-blind equality.
@Suite struct JSONObjectTests {
    /// Keys in an order no sorting or hashing would produce, more than the handful a linear scan serves.
    static let keys = (0..<40).map { "k\(($0 * 17) % 40)-\(String(repeating: "x", count: $0 % 5))" }

    @Test("a large object reads, looks up and writes back in its own key order")
    func largeObjectKeepsOrder() throws {
        let text = "{" + Self.keys.enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
        let value = try JSONParser.parse(text)
        let object = try #require(value.objectValue)
        #expect(object.keys == Self.keys)
        #expect(Array(object.map(\.key)) == Self.keys)
        for (index, key) in Self.keys.enumerated() { #expect(object[key]?.intValue == index) }
        #expect(object["absent"] == nil)
        #expect(JSONSerializer.serialize(value) == Array(text.utf8))
    }

    @Test("setting keeps a key's place, removing then setting moves it to the end, nil removes")
    func mutation() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = 20
        #expect(object.keys == ["a", "b", "c"])
        #expect(object.removeValue(forKey: "a") == 1)
        object["a"] = 10
        #expect(object.keys == ["b", "c", "a"])
        object["c"] = nil
        #expect(object.keys == ["b", "a"])
        #expect(object.count == 2 && object.contains(key: "b") && !object.contains(key: "c"))
        #expect(object.removeValue(forKey: "c") == nil)
    }

    @Test("a later duplicate replaces the value in the first key's place, when built and when read")
    func duplicates() throws {
        let built = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(built.keys == ["a", "b"])
        #expect(built["a"] == 3)
        let read = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(read.objectValue == built)
        let many = Self.keys.map { #""\#($0)":0"# } + [#""\#(Self.keys[3])":1"#]
        let large = try #require(try JSONParser.parse("{" + many.joined(separator: ",") + "}").objectValue)
        #expect(large.keys == Self.keys)
        #expect(large[Self.keys[3]] == 1)
    }

    @Test("equality and hashing ignore key order, for large objects too")
    func orderBlindEquality() {
        let forward = JSONObject(Self.keys.map { ($0, JSONValue.string($0)) })
        let backward = JSONObject(Self.keys.reversed().map { ($0, JSONValue.string($0)) })
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        var changed = backward
        changed[Self.keys[7]] = "other"
        #expect(forward != changed)
        var shorter = forward
        shorter[Self.keys[0]] = nil
        #expect(forward != shorter)
    }
}
