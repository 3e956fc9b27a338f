import EmbeddedCluster
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Testing

@Suite("Event recorder", .timeLimit(.minutes(2)))
struct EventRecorderTests {
    @Test("repeated events aggregate into one object with a count; a different message is a new event")
    func aggregates() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                let subject = try await client.create(
                    ConfigMap(metadata: ObjectMeta(name: "subject", namespace: "default"))
                )
                let recorder = EventRecorder(client: client, component: "vane-controller", instance: "test-1")
                for _ in 0..<3 {
                    await recorder.record(
                        ObjectReference(to: subject),
                        type: .warning,
                        reason: "SyncFailed",
                        message: "webhook unreachable"
                    )
                }
                await recorder.record(
                    ObjectReference(to: subject),
                    type: .normal,
                    reason: "Recovered",
                    message: "all good"
                )

                let events = try await client.list(Event.self, namespace: "default").items
                    .sorted { ($0.reason ?? "") > ($1.reason ?? "") }
                #expect(
                    events.map { "\($0.type ?? "") \($0.reason ?? "") x\($0.count ?? 0)" } == [
                        "Warning SyncFailed x3", "Normal Recovered x1",
                    ]
                )
                #expect(events.first?.involvedObject.name == "subject")
                #expect(events.first?.involvedObject.uid == subject.metadata.uid)
                #expect(events.first?.source?.component == "vane-controller")
                #expect(events.first?.reportingInstance == "test-1")
            }
        }
    }

    @Test("an event deleted by someone else is created again; a failed write does not throw")
    func survivesDeletionAndFailure() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                let subject = ObjectReference(
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    namespace: "default",
                    name: "subject",
                    uid: "u-1"
                )
                let recorder = EventRecorder(client: client, component: "vane-controller", instance: "test-1")
                await recorder.record(subject, type: .warning, reason: "SyncFailed", message: "boom")
                let first = try #require(try await client.list(Event.self, namespace: "default").items.first)
                try await client.delete(Event.resource, name: first.metadata.name ?? "", namespace: "default")
                await recorder.record(subject, type: .warning, reason: "SyncFailed", message: "boom")
                #expect(try await client.list(Event.self, namespace: "default").items.map(\.count) == [1])

                await cluster.faults.install(
                    FaultRule(resource: "events", action: .error(code: 500, message: "etcd is sad"))
                )
                await recorder.record(subject, type: .warning, reason: "Other", message: "lost")
                await cluster.faults.removeAll()
                #expect(try await client.list(Event.self, namespace: "default").items.count == 1)
            }
        }
    }
}
