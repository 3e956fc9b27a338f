import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Simulated ReplicaSet controller and kubelet", .timeLimit(.minutes(2)))
struct SimulatorTests {
    static func configuration(badImage: String? = nil) -> EmbeddedClusterConfiguration {
        EmbeddedClusterConfiguration(
            simulators: SimulatorConfiguration(podReadyDelay: .milliseconds(20), badImagePattern: badImage)
        )
    }

    /// Watches one ReplicaSet until `condition` holds for its status (no polling, no sleeping).
    func waitForReplicaSet(
        _ client: RawAPIClient,
        _ name: String,
        until condition: (JSONValue) -> Bool
    ) async throws -> JSONValue {
        try await waitForObject(client, Fixtures.replicaSets, name, until: condition)
    }

    func podNames(_ client: RawAPIClient) async throws -> [String] {
        try await client.get("/api/v1/namespaces/default/pods").json["items"]?.arrayValue?.compactMap {
            $0[path: "metadata", "name"]?.stringValue
        } ?? []
    }

    @Test("a ReplicaSet gets owned Pods that become Ready, and its status counts them")
    func scaleUpAndReady() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("web", replicas: 3))
            let status = try await waitForReplicaSet(client, "web") { $0[path: "status", "availableReplicas"] == 3 }
            #expect(status[path: "status", "replicas"] == 3)
            #expect(status[path: "status", "readyReplicas"] == 3)
            #expect(status[path: "status", "fullyLabeledReplicas"] == 3)
            #expect(status[path: "status", "observedGeneration"] == 1)
            let pods = try await client.get("/api/v1/namespaces/default/pods").json["items"]?.arrayValue ?? []
            #expect(pods.count == 3)
            for pod in pods {
                #expect(pod[path: "metadata", "ownerReferences"]?[0]?["name"] == "web")
                #expect(pod[path: "metadata", "labels", "rs"] == "web")
                #expect(pod[path: "status", "phase"] == "Running")
            }
        }
    }

    @Test("scaling down deletes Pods; deleting the ReplicaSet collects the rest")
    func scaleDownAndDelete() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("web", replicas: 3))
            _ = try await waitForReplicaSet(client, "web") { $0[path: "status", "availableReplicas"] == 3 }
            _ = try await client.patch(
                Fixtures.replicaSets + "/web/scale",
                ["spec": ["replicas": 1]],
                type: "application/merge-patch+json"
            )
            let scaled = try await waitForReplicaSet(client, "web") { $0[path: "status", "replicas"] == 1 }
            #expect(scaled[path: "status", "observedGeneration"] == 2)
            #expect(try await podNames(client).count == 1)
            _ = try await client.delete(Fixtures.replicaSets + "/web")
            #expect(try await podNames(client).isEmpty)
        }
    }

    @Test("Pods with an image matching the bad-image pattern never become Ready and keep restarting")
    func badImage() async throws {
        try await withEmbeddedCluster(Self.configuration(badImage: ":broken$")) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(
                Fixtures.replicaSets,
                Fixtures.replicaSet("bad", replicas: 1, image: "nginx:broken")
            )
            let pods = "/api/v1/namespaces/default/pods"
            for try await event in try await client.watch(pods + "?watch=true") {
                let restarts = event[path: "object", "status", "containerStatuses"]?[0]?["restartCount"]?.intValue ?? 0
                #expect(event[path: "object", "status", "containerStatuses"]?[0]?["ready"] != true)
                if restarts >= 2 { break }
            }
            let status = try await client.get(Fixtures.replicaSets + "/bad").json
            #expect(status[path: "status", "availableReplicas"] == 0)
            #expect(status[path: "status", "replicas"] == 1)
        }
    }

    @Test("minReadySeconds delays availability after readiness")
    func minReadySeconds() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            var rs = Fixtures.replicaSet("slow", replicas: 2)
            // Long enough that a loaded machine cannot let it elapse between readiness and the status
            // write that reports it (1 s was seen to flake on CI).
            rs.setValue(3, at: ["spec", "minReadySeconds"])
            _ = try await client.post(Fixtures.replicaSets, rs)
            let ready = try await waitForReplicaSet(client, "slow") { $0[path: "status", "readyReplicas"] == 2 }
            #expect(ready[path: "status", "availableReplicas"] == 0)
            let available = try await waitForReplicaSet(client, "slow") { $0[path: "status", "availableReplicas"] == 2 }
            #expect(available[path: "status", "readyReplicas"] == 2)
        }
    }
}
