import KubeAPI
import Testing

@Suite struct YAMLDocumentsTests {
    @Test func readsMultiDocumentManifests() throws {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              enabled: "true"
              mode: on
              answer: yes
              date: 2020-01-01
            ---
            ---
            kind: List
            items: [1, 2.5, -3, 0x1F, true, null, ~, "7"]
            tagged: !!str 12
            """
        let documents = try YAMLDocuments.parse(yaml)
        #expect(documents.count == 2)
        #expect(documents[0][path: "metadata", "name"] == "a")
        #expect(documents[0][path: "data", "enabled"] == "true")
        #expect(documents[0][path: "data", "mode"] == "on")
        #expect(documents[0][path: "data", "answer"] == "yes")
        #expect(documents[0][path: "data", "date"] == "2020-01-01")
        #expect(documents[1]["items"] == [1, 2.5, -3, 31, true, nil, nil, "7"])
        #expect(documents[1]["tagged"] == "12")
    }

    @Test func reportsSyntaxErrorsWithPosition() {
        do {
            _ = try YAMLDocuments.parse("a: b\n  c: d\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 4)
            #expect(error.description.contains("line 2, column 4: mapping values are not allowed"))
        }
    }
}
