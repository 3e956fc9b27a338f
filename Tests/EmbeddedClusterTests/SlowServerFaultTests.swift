import Clocks
import EmbeddedCluster
import Foundation
import KubeAPI
import KubeTestKit
import Testing

/// The slow-API-server incident: writes applied but answered late, requests held and applied late,
/// and the server-side `?timeout=` that decides whether a held write happens at all.
@Suite("Slow API server faults and request timeouts", .timeLimit(.minutes(2)))
struct SlowServerFaultTests {
    static let timeoutMessage = "Timeout: request did not complete within requested timeout - context deadline exceeded"

    func expectTimeout(_ reply: RawAPIClient.Reply) {
        #expect(reply.status == 504)
        #expect(reply.json["kind"] == "Status")
        #expect(reply.json["reason"] == "Timeout")
        #expect(reply.json["message"] == .string(Self.timeoutMessage))
    }

    @Test("answerLate applies the write at once: watchers see it while its answer is still held")
    func answerLateAppliesFirst() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            await cluster.faults.install(
                FaultRule(verbs: ["create"], resource: "configmaps", action: .answerLate(.milliseconds(800)))
            )
            var events = try await client.watch(Fixtures.configMaps + "?watch=true").makeAsyncIterator()
            let clock = ContinuousClock()
            let start = clock.now
            async let created = client.post(Fixtures.configMaps, Fixtures.configMap("late"))
            let added = try await events.next()
            let seenAfter = start.duration(to: clock.now)
            #expect(added?[path: "object", "metadata", "name"] == "late")
            #expect(try await created.status == 201)
            let answeredAfter = start.duration(to: clock.now)
            #expect(answeredAfter >= .milliseconds(800))
            #expect(seenAfter < answeredAfter)
        }
    }

    @Test("answerLate past the request's timeout: a 504 Timeout for a write that did happen")
    func answerLateTimesOutAfterApplying() async throws {
        // The deadline runs on a clock the test moves once the write is seen applied: a loaded machine
        // cannot make the request reach its write after its deadline.
        let clock = TestClock()
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(clock: clock)) { cluster in
            let client = await cluster.rawClient()
            await cluster.faults.install(FaultRule(verbs: ["create"], action: .answerLate(.seconds(5))))
            var events = try await client.watch(Fixtures.configMaps + "?watch=true").makeAsyncIterator()
            async let reply = client.post(Fixtures.configMaps + "?timeout=200ms", Fixtures.configMap("ghost"))
            #expect(try await events.next()?[path: "object", "metadata", "name"] == "ghost")
            // A hair past the deadline, so that an answer whose wait starts only now returns at once.
            await clock.advance(by: .milliseconds(201))
            expectTimeout(try await reply)
            #expect(try await client.get(Fixtures.configMaps + "/ghost").status == 200)
            #expect(await cluster.store.auditLog.contains { $0.name == "ghost" && $0.verb == "create" })
        }
    }

    @Test("applyLate holds the request, then applies it; the audit log records when it was applied")
    func applyLateRecordsApplyTime() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("held"))
            await cluster.faults.install(FaultRule(verbs: ["patch"], action: .applyLate(.milliseconds(500))))
            let patched = try await client.patch(
                Fixtures.configMaps + "/held?timeout=10s",
                ["data": ["a": "2"]],
                type: "application/merge-patch+json"
            )
            #expect(patched.status == 200)
            #expect(patched.json[path: "data", "a"] == "2")
            let entry = try #require(await cluster.store.auditLog.last { $0.verb == "patch" })
            let received = try #require(entry.received)
            #expect(entry.time.timeIntervalSince(received) >= 0.5)
        }
    }

    @Test(
        "a request held past its ?timeout= is answered 504 Timeout and never applied",
        arguments: [
            FaultRule.Action.applyLate(.seconds(20)), .latency(.seconds(20)), .stall,
        ]
    )
    func heldPastTimeout(action: FaultRule.Action) async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("kept", data: ["a": "1"]))
            await cluster.faults.install(FaultRule(verbs: ["create", "update", "patch", "delete"], action: action))
            let clock = ContinuousClock()
            let start = clock.now
            expectTimeout(try await client.post(Fixtures.configMaps + "?timeout=200ms", Fixtures.configMap("never")))
            expectTimeout(
                try await client.patch(
                    Fixtures.configMaps + "/kept?timeout=200ms",
                    ["data": ["a": "2"]],
                    type: "application/merge-patch+json"
                )
            )
            expectTimeout(try await client.delete(Fixtures.configMaps + "/kept?timeout=200ms"))
            // Each answer came at its deadline, long before the fault would have let the write through.
            #expect(start.duration(to: clock.now) < .seconds(20))
            await cluster.faults.removeAll()
            #expect(try await client.get(Fixtures.configMaps + "/never").status == 404)
            #expect(try await client.get(Fixtures.configMaps + "/kept").json[path: "data", "a"] == "1")
            #expect(await cluster.store.auditLog.allSatisfy { $0.identity == "admin" && $0.verb == "create" })
            #expect(await cluster.store.auditLog.count == 1)
        }
    }

    @Test("a timeout that is not a Go duration is refused with 400, as the real server does")
    func invalidTimeout() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let reply = try await client.post(Fixtures.configMaps + "?timeout=soon", Fixtures.configMap("x"))
            #expect(reply.status == 400)
            #expect(reply.json["message"] == "invalid timeout specified in the request URL")
        }
    }

    @Test("a write held for one user lands after another user's prompt write, and the audit log says so")
    func auditOrderFollowsApplication() async throws {
        // The server's clock moves only when the test moves it, so the held write stays held until the
        // prompt one has landed however slowly a loaded machine carries the requests; its timestamps
        // come from the same clock.
        let clock = TestClock()
        let start = clock.now
        let configuration = EmbeddedClusterConfiguration(
            tokens: ["a-token": "leader-a", "b-token": "leader-b"],
            clock: clock,
            now: {
                let (seconds, attoseconds) = start.duration(to: clock.now).components
                return Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(attoseconds) / 1e18)
            }
        )
        try await withEmbeddedCluster(configuration) { cluster in
            let url = await cluster.serverURL()
            let slow = RawAPIClient(baseURL: url, token: "a-token")
            let prompt = RawAPIClient(baseURL: url, token: "b-token")
            await cluster.faults.install(FaultRule(users: ["leader-a"], action: .applyLate(.milliseconds(600))))
            var events = try await cluster.rawClient().watch(Fixtures.configMaps + "?watch=true").makeAsyncIterator()
            async let held = slow.post(Fixtures.configMaps, Fixtures.configMap("from-a"))
            // leader-a's request has arrived (stamped at 0 s) and is held before leader-b's is sent at 0.1 s.
            await cluster.faults.waitUntilHolding(1)
            await clock.advance(by: .milliseconds(100))
            let first: Result<JSONValue?, any Error>
            do {
                #expect(try await prompt.post(Fixtures.configMaps, Fixtures.configMap("from-b")).status == 201)
                first = .success(try await events.next())
            } catch {
                first = .failure(error)
            }
            #expect(cluster.faults.heldRequests == 1)
            // Whatever happened, the hold ends: a hair past 0.6 s, so that a hold whose sleep starts only
            // now returns at once (the test clock keeps a sleep until exactly now waiting).
            await clock.advance(by: .milliseconds(501))
            #expect(try first.get()?[path: "object", "metadata", "name"] == "from-b")
            #expect(try await held.status == 201)
            #expect(cluster.faults.heldRequests == 0)
            let entries = await cluster.store.auditLog
            #expect(entries.map(\.identity) == ["leader-b", "leader-a"])
            #expect(entries[0].time <= entries[1].time)
            #expect(entries[0].resourceVersion < entries[1].resourceVersion)
            let heldSince = try #require(entries[1].received)
            #expect(entries[1].time.timeIntervalSince(heldSince) >= 0.6)
            #expect(heldSince < (try #require(entries[0].received)))
        }
    }
}
