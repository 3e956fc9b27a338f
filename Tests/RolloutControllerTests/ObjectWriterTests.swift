import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import RolloutController
import Testing

/// The two writers plans go through: the in-memory twin must answer every write as the API server
/// does, and the fenced writer must write only while its process leads.
@Suite("Object writers", .timeLimit(.minutes(2)))
struct ObjectWriterTests {
    /// One outcome per write of `exercise`: the error kind, or what the object looks like after it.
    static func exercise(_ writer: some ObjectWriter) async -> [String] {
        var outcomes: [String] = []
        func attempt(_ write: () async throws -> String) async {
            do {
                outcomes.append(try await write())
            } catch let error as KubeError {
                outcomes.append("\(error.kind)")
            } catch {
                outcomes.append("unexpected \(error)")
            }
        }
        var rollout = Rollout(
            metadata: ObjectMeta(name: "web", namespace: "default", labels: ["team": "a"]),
            spec: RolloutSpec(replicas: 2)
        )
        rollout.metadata.annotations = ["keep": "yes", "drop": "yes"]
        func patch(_ name: String, _ body: JSONValue, at version: String?) async throws -> Rollout {
            try await writer.mergePatch(
                Rollout.self,
                name: name,
                namespace: "default",
                patch: body,
                resourceVersion: version
            )
        }
        await attempt {
            try await writer.create(rollout)
            return "created"
        }
        await attempt {
            try await writer.create(rollout)
            return "created again"
        }
        var version = ""
        await attempt {
            let patched = try await patch("web", ["metadata": ["annotations": ["drop": nil, "add": "yes"]]], at: nil)
            version = patched.metadata.resourceVersion ?? ""
            let annotations = (patched.metadata.annotations ?? [:]).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "annotations \(annotations) generation \(patched.metadata.generation ?? 0)"
        }
        await attempt {
            let patched = try await patch("web", ["spec": ["replicas": 3]], at: version)
            return "replicas \(patched.spec.replicas ?? 0) generation \(patched.metadata.generation ?? 0)"
        }
        await attempt {
            _ = try await patch("web", ["spec": ["replicas": 4]], at: version)
            return "patched a stale version"
        }
        await attempt {
            var stale = rollout
            stale.metadata.resourceVersion = version
            stale.status = RolloutStatus()
            stale.status?.phase = "Healthy"
            _ = try await writer.updateStatus(stale)
            return "wrote a stale status"
        }
        await attempt {
            _ = try await patch("missing", ["metadata": ["labels": ["a": "b"]]], at: nil)
            return "patched a missing object"
        }
        await attempt {
            try await writer.delete(Rollout.self, name: "web", namespace: "default", uid: "another", propagation: nil)
            return "deleted another uid"
        }
        await attempt {
            try await writer.delete(Rollout.self, name: "web", namespace: "default", uid: nil, propagation: .background)
            return "deleted"
        }
        await attempt {
            try await writer.delete(Rollout.self, name: "web", namespace: "default", uid: nil, propagation: nil)
            return "deleted again"
        }
        return outcomes
    }

    static let expected = [
        "created", "alreadyExists", "annotations add=yes,keep=yes generation 1",
        "replicas 3 generation 2", "conflict", "conflict", "notFound", "conflict", "deleted", "notFound",
    ]

    @Test("the in-memory writer answers every write as the API server does")
    func twinMatchesTheServer() async throws {
        #expect(await Self.exercise(InMemoryWriter()) == Self.expected)
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                let leadership = LeadershipGuard()
                leadership.extendForTesting(
                    renewStart: leadership.now,
                    renewDeadline: .seconds(60),
                    leaseDuration: .seconds(90)
                )
                #expect(await Self.exercise(FencedWriter(client: client, leadership: leadership)) == Self.expected)
            }
        }
    }

    @Test("a status update replaces the status only and moves the resourceVersion on")
    func statusUpdate() async throws {
        let writer = InMemoryWriter(now: Date(timeIntervalSince1970: 1_800_000_000))
        try await writer.create(Rollout(metadata: ObjectMeta(name: "web", namespace: "default"), spec: RolloutSpec()))
        var rollout = try #require(await writer.get(Rollout.self, name: "web", namespace: "default"))
        #expect(rollout.metadata.uid == "rollout-uid-1")
        #expect(rollout.metadata.creationTimestamp == KubeTime(Date(timeIntervalSince1970: 1_800_000_000)))
        rollout.spec.replicas = 9
        rollout.status = RolloutStatus()
        rollout.status?.phase = "Healthy"
        let updated = try await writer.updateStatus(rollout)
        #expect(updated.status?.phase == "Healthy")
        #expect(updated.spec.replicas == nil)
        #expect(updated.metadata.resourceVersion != rollout.metadata.resourceVersion)
    }

    @Test("a fenced writer that does not lead refuses every write before it is sent")
    func fencedWriterRefusesWithoutLeadership() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                let writer = FencedWriter(client: client, leadership: LeadershipGuard())
                let rollout = Rollout(metadata: ObjectMeta(name: "web", namespace: "default"), spec: RolloutSpec())
                await #expect(throws: NotLeaderError.self) { try await writer.create(rollout) }
                await #expect(throws: NotLeaderError.self) {
                    try await writer.delete(Rollout.self, name: "web", namespace: "default", uid: nil, propagation: nil)
                }
                let error = await #expect(throws: KubeError.self) {
                    _ = try await client.get(Rollout.self, name: "web", namespace: "default")
                }
                #expect(error?.kind == .notFound)
            }
        }
    }
}
