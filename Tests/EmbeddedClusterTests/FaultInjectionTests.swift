import Clocks
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

    @Test("heldRequests counts the requests a fault holds until they are carried out or time out")
    func heldRequests() async throws {
        // The deadlines run on a clock the test moves, so both requests are held together however
        // slowly they arrive.
        let clock = TestClock()
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(clock: clock)) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("kept"))
            await cluster.faults.install(FaultRule(verbs: ["create"], action: .stall))
            await cluster.faults.install(FaultRule(verbs: ["patch"], action: .latency(.seconds(1))))
            #expect(cluster.faults.heldRequests == 0)
            async let stalled = client.post(Fixtures.configMaps + "?timeout=1s", Fixtures.configMap("stalled"))
            async let delayed = client.patch(
                Fixtures.configMaps + "/kept",
                ["metadata": ["labels": ["held": "yes"]]],
                type: "application/merge-patch+json"
            )
            await cluster.faults.waitUntilHolding(2)
            #expect(cluster.faults.heldRequests == 2)
            // A hair past both holds' end, so that a hold whose sleep starts only now returns at once.
            await clock.advance(by: .milliseconds(1_001))
            #expect(try await stalled.status == 504)
            #expect(try await delayed.status == 200)
            #expect(cluster.faults.heldRequests == 0)
        }
    }
}
