import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("List, selectors and pagination", .timeLimit(.minutes(2)))
struct ListAndSelectorTests {
    func names(_ reply: RawAPIClient.Reply) -> [String] {
        reply.json["items"]?.arrayValue?.compactMap { $0[path: "metadata", "name"]?.stringValue } ?? []
    }

    @Test("equality and set-based label selectors, and field selectors on name and namespace")
    func selectors() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(
                Fixtures.configMaps,
                Fixtures.configMap("a", labels: ["tier": "web", "env": "prod"])
            )
            _ = try await client.post(
                Fixtures.configMaps,
                Fixtures.configMap("b", labels: ["tier": "web", "env": "dev"])
            )
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("c", labels: ["tier": "db"]))

            #expect(names(try await client.get(Fixtures.configMaps + "?labelSelector=tier%3Dweb")) == ["a", "b"])
            #expect(names(try await client.get(Fixtures.configMaps + "?labelSelector=tier%3Dweb,env!%3Dprod")) == ["b"])
            #expect(
                names(try await client.get(Fixtures.configMaps + "?labelSelector=env+in+(prod,dev)")) == ["a", "b"]
            )
            #expect(names(try await client.get(Fixtures.configMaps + "?labelSelector=env+notin+(prod)")) == ["b", "c"])
            #expect(names(try await client.get(Fixtures.configMaps + "?labelSelector=!env")) == ["c"])
            #expect(names(try await client.get(Fixtures.configMaps + "?fieldSelector=metadata.name%3Db")) == ["b"])
            #expect(
                names(
                    try await client.get(
                        "/api/v1/configmaps?fieldSelector=metadata.namespace%3Ddefault,metadata.name!%3Da"
                    )
                ) == ["b", "c"]
            )

            let bad = try await client.get(Fixtures.configMaps + "?labelSelector=env+in+prod")
            #expect(bad.status == 400)
            let badField = try await client.get(Fixtures.configMaps + "?fieldSelector=spec.x%3D1")
            #expect(badField.status == 400)
            #expect(badField.json["message"] == "field label not supported: spec.x")
        }
    }

    @Test("limit and continue page through a list in name order with remainingItemCount")
    func pagination() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            for index in 0..<7 { _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("cm-\(index)")) }
            var collected: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let query = "?limit=3" + (token.map { "&continue=\($0)" } ?? "")
                let page = try await client.get(Fixtures.configMaps + query)
                #expect(page.status == 200)
                collected += names(page)
                token = page.json[path: "metadata", "continue"]?.stringValue
                if pages == 0 { #expect(page.json[path: "metadata", "remainingItemCount"] == 4) }
                pages += 1
            } while token != nil
            #expect(pages == 3)
            #expect(collected == (0..<7).map { "cm-\($0)" })
        }
    }

    @Test("a continue token older than the history window is 410 Gone")
    func expiredContinueToken() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(historyLimit: 3)) { cluster in
            let client = await cluster.rawClient()
            for index in 0..<3 { _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("cm-\(index)")) }
            let first = try await client.get(Fixtures.configMaps + "?limit=1")
            let token = try #require(first.json[path: "metadata", "continue"]?.stringValue)
            for index in 3..<8 { _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("cm-\(index)")) }
            let expired = try await client.get(Fixtures.configMaps + "?limit=1&continue=\(token)")
            #expect(expired.status == 410)
            #expect(expired.json["reason"] == "Expired")
        }
    }
}
