import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Fault injection", .timeLimit(.minutes(2)))
struct FaultInjectionTests {
    @Test("an error rule answers matching requests with its status code, then disarms after its budget")
    func errorRule() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("f"))
            await cluster.faults.install(
                FaultRule(
                    verbs: ["get"],
                    resource: "configmaps",
                    name: "f",
                    action: .error(code: 503, message: "conversion webhook unavailable"),
                    remaining: 2
                )
            )
            #expect(try await client.get(Fixtures.configMaps + "/f").status == 503)
            let second = try await client.get(Fixtures.configMaps + "/f")
            #expect(second.status == 503)
            #expect(second.json["message"] == "conversion webhook unavailable")
            #expect(try await client.get(Fixtures.configMaps + "/f").status == 200)
            #expect(try await client.get(Fixtures.configMaps).status == 200)
        }
    }

    @Test("a dropWatch rule ends watch streams after the given number of frames")
    func dropWatch() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            for index in 0..<3 { _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("d\(index)")) }
            await cluster.faults.install(FaultRule(verbs: ["watch"], action: .dropWatch(afterFrames: 2)))
            var events = try await client.watch(Fixtures.configMaps + "?watch=true").makeAsyncIterator()
            #expect(try await events.next() != nil)
            #expect(try await events.next() != nil)
            #expect(try await events.next() == nil)
        }
    }
}
