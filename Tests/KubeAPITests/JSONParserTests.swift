import KubeAPI
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.5e3,true,false,null,"x\"\u00e9\ud83d\ude00\n"],"b":{}}"#)
        #expect(value["a"]?[0]?.intValue == 1)
        #expect(value["a"]?[1]?.numberValue?.text == "-2.5e3")
        #expect(value["a"]?[1]?.doubleValue == -2500)
        #expect(value["a"]?[2] == true)
        #expect(value["a"]?[3] == false)
        #expect(value["a"]?[4] == .null)
        #expect(value["a"]?[5]?.stringValue == "x\"é😀\n")
        #expect(value["b"] == .object([:]))
    }

    @Test func keepsKeyOrderAndNumberText() throws {
        let text = #"{"zeta":1,"alpha":1.50,"mid":{"b":12345678901234567890,"a":0}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(String(decoding: JSONSerializer.serialize(value), as: UTF8.self) == text)
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "expected a string key"),
        (#"{"a":1,}"#, "expected a string key"),
        ("[1,]", "expected a value"),
        (#"{"a" 1}"#, "expected ':'"),
        ("01", "leading zero"),
        ("1.", "digits after '.'"),
        ("tru", "invalid literal"),
        (#""abc"#, "unterminated string"),
        ("\"a\u{01}\"", "control character"),
        (#""\q""#, "invalid escape"),
        ("{} {}", "after the top-level value"),
        ("// comment\n{}", "expected a value"),
    ])
    func rejectsInvalidJSON(input: String, message: String) {
        #expect {
            try JSONParser.parse(input)
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains(message) == true
        }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
            #expect(error.description.hasPrefix("invalid JSON at line 3, column 8"))
        }
    }

    @Test func rejectsExcessiveNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func laterDuplicateKeyWins() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"]?.intValue == 3)
    }

    @Test func serializerEscapesAndPrettyPrints() throws {
        let value: JSONValue = ["s": "a\"b\\c\n\u{01}", "n": [1, 2], "e": [:]]
        #expect(value.description == #"{"s":"a\"b\\c\n\u0001","n":[1,2],"e":{}}"#)
        #expect(try JSONParser.parse(value.description) == value)
        let pretty = JSONSerializer.serializePretty(["a": [1], "b": [:]])
        #expect(pretty == "{\n    \"a\": [\n        1\n    ],\n    \"b\": {}\n}\n")
    }

    @Test func equalityIgnoresKeyOrderAndNumberSpelling() throws {
        let a = try JSONParser.parse(#"{"x":1,"y":[1.0,"s"]}"#)
        let b = try JSONParser.parse(#"{"y":[1,"s"],"x":1e0}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != (try JSONParser.parse(#"{"y":[1,"s"],"x":2}"#)))
    }

    @Test func pathAccessAndMutation() {
        var value: JSONValue = ["metadata": ["name": "a"]]
        #expect(value[path: "metadata", "name"] == "a")
        value.setValue("b", at: ["metadata", "labels", "app"])
        #expect(value[path: "metadata", "labels", "app"] == "b")
        value.setValue(nil, at: ["metadata", "name"])
        #expect(value[path: "metadata", "name"] == nil)
        #expect(value.objectValue?["metadata"]?.objectValue?.keys == ["labels"])
    }
}
