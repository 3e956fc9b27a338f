import KubeAPI
import Testing

private struct Inner: Codable, Equatable {
    var name: String
    var count: Int32?
    var unknownFields = UnknownFields()
}

private struct Outer: Codable, Equatable {
    var kind: String
    var flag: Bool?
    var ratio: Double?
    var labels: [String: String]?
    var items: [Inner]?
    var raw: JSONValue?
    var unknownFields = UnknownFields()
}

@Suite struct KubeJSONCodecTests {
    @Test func decodesModelledFieldsAndKeepsUnknownOnes() throws {
        let text = #"""
            {"kind":"Thing","future":{"deep":[1,"x",{"k":null}]},"flag":true,"ratio":0.25,
             "labels":{"b":"2","a":"1"},"items":[{"name":"i","count":3,"extra":1.50}],"raw":{"any":"thing"}}
            """#
        let outer = try KubeJSON.decode(Outer.self, from: Array(text.utf8))
        #expect(outer.kind == "Thing")
        #expect(outer.flag == true)
        #expect(outer.ratio == 0.25)
        #expect(outer.labels == ["a": "1", "b": "2"])
        #expect(outer.items?.first?.count == 3)
        #expect(outer.items?.first?.unknownFields["extra"]?.numberValue?.text == "1.50")
        #expect(outer.raw == ["any": "thing"])
        #expect(outer.unknownFields.object.keys == ["future"])

        // Re-encoding writes every unknown member back, byte for byte.
        let encoded = try KubeJSON.encodeValue(outer)
        #expect(encoded == (try JSONParser.parse(text)))
        #expect(encoded["future"]?.description == #"{"deep":[1,"x",{"k":null}]}"#)
        #expect(encoded["items"]?[0]?["extra"]?.description == "1.50")
    }

    @Test func modelledFieldsWinAndNilRemoves() throws {
        var outer = try KubeJSON.decode(Outer.self, from: Array(#"{"kind":"A","flag":true,"x":1}"#.utf8))
        outer.flag = nil
        outer.kind = "B"
        let encoded = try KubeJSON.encodeValue(outer)
        #expect(encoded == ["kind": "B", "x": 1])
    }

    @Test func errorsNameTheFieldPath() {
        let cases: [(String, String)] = [
            (#"{"kind":1}"#, "kind: expected string, found number"),
            (#"{"flag":true}"#, "kind: required field is missing"),
            (
                #"{"kind":"A","items":[{"name":"a"},{"name":"b","count":"x"}]}"#,
                "items[1].count: expected integer, found string"
            ),
            (
                #"{"kind":"A","items":[{"name":"a","count":3000000000}]}"#,
                "items[0].count: number 3000000000 does not fit in Int32"
            ),
            (#"{"kind":"A","labels":{"a":1}}"#, "labels.a: expected string, found number"),
            (#"{"kind":null}"#, "kind: required field \"kind\" is null"),
        ]
        for (input, expected) in cases {
            do {
                _ = try KubeJSON.decode(Outer.self, from: Array(input.utf8))
                Issue.record("expected \(expected)")
            } catch {
                #expect(KubeJSON.describe(error) == expected)
            }
        }
    }

    @Test func encodesNumbersLikeGo() throws {
        #expect(try KubeJSON.encodeValue(3.0) == .number(JSONNumber(3)))
        #expect(try KubeJSON.encodeValue(3.0).description == "3")
        #expect(try KubeJSON.encodeValue(0.5).description == "0.5")
        #expect(throws: EncodingError.self) { try KubeJSON.encodeValue(Double.infinity) }
        #expect(try KubeJSON.decode(Int.self, from: .number(JSONNumber(2.0))) == 2)
    }
}
