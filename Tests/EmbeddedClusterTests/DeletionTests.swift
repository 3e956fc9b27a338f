import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Deletion, finalizers and garbage collection", .timeLimit(.minutes(2)))
struct DeletionTests {
    @Test("background deletion removes the owner and then its dependents")
    func backgroundCascade() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let owner = try await client.post(Fixtures.rollouts, Fixtures.rollout("owner")).json
            _ = try await client.post(
                Fixtures.replicaSets,
                Fixtures.replicaSet("child", owner: Fixtures.ownerReference(of: owner))
            )
            let deleted = try await client.delete(Fixtures.rollouts + "/owner")
            #expect(deleted.status == 200)
            #expect(try await client.get(Fixtures.rollouts + "/owner").status == 404)
            #expect(try await client.get(Fixtures.replicaSets + "/child").status == 404)
        }
    }

    @Test("orphan deletion keeps dependents and strips their ownerReference")
    func orphan() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let owner = try await client.post(Fixtures.rollouts, Fixtures.rollout("owner")).json
            _ = try await client.post(
                Fixtures.replicaSets,
                Fixtures.replicaSet("child", owner: Fixtures.ownerReference(of: owner))
            )
            _ = try await client.delete(Fixtures.rollouts + "/owner", ["propagationPolicy": "Orphan"])
            let child = try await client.get(Fixtures.replicaSets + "/child")
            #expect(child.status == 200)
            #expect(child.json[path: "metadata", "ownerReferences"] == nil)
        }
    }

    @Test("finalizers hold an object with a deletionTimestamp until they are removed")
    func finalizers() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var object = Fixtures.configMap("held")
            object.setValue(["example.com/hold"], at: ["metadata", "finalizers"])
            _ = try await client.post(Fixtures.configMaps, object)
            let deleting = try await client.delete(Fixtures.configMaps + "/held")
            #expect(deleting.json[path: "metadata", "deletionTimestamp"] != nil)
            #expect(try await client.get(Fixtures.configMaps + "/held").status == 200)
            _ = try await client.patch(
                Fixtures.configMaps + "/held",
                ["metadata": ["finalizers": nil]],
                type: "application/merge-patch+json"
            )
            #expect(try await client.get(Fixtures.configMaps + "/held").status == 404)
        }
    }

    @Test("foreground deletion keeps the owner until blocking dependents are gone")
    func foreground() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let owner = try await client.post(Fixtures.rollouts, Fixtures.rollout("owner")).json
            var child = Fixtures.replicaSet("child", owner: Fixtures.ownerReference(of: owner))
            child.setValue(["example.com/hold"], at: ["metadata", "finalizers"])
            _ = try await client.post(Fixtures.replicaSets, child)
            _ = try await client.delete(Fixtures.rollouts + "/owner", ["propagationPolicy": "Foreground"])
            let waiting = try await client.get(Fixtures.rollouts + "/owner")
            #expect(waiting.status == 200)
            #expect(waiting.json[path: "metadata", "finalizers"] == ["foregroundDeletion"])
            _ = try await client.patch(
                Fixtures.replicaSets + "/child",
                ["metadata": ["finalizers": nil]],
                type: "application/merge-patch+json"
            )
            #expect(try await client.get(Fixtures.replicaSets + "/child").status == 404)
            #expect(try await client.get(Fixtures.rollouts + "/owner").status == 404)
        }
    }

    @Test("preconditions on uid and resourceVersion make a delete conditional")
    func preconditions() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("p"))
            let reply = try await client.delete(Fixtures.configMaps + "/p", ["preconditions": ["uid": "not-the-uid"]])
            #expect(reply.status == 409)
            #expect(try await client.get(Fixtures.configMaps + "/p").status == 200)
        }
    }

    @Test("deletecollection removes what the selector matches")
    func deleteCollection() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("keep", labels: ["k": "keep"]))
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("drop1", labels: ["k": "drop"]))
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("drop2", labels: ["k": "drop"]))
            _ = try await client.delete(Fixtures.configMaps + "?labelSelector=k%3Ddrop")
            let left = try await client.get(Fixtures.configMaps).json["items"]?.arrayValue?.compactMap {
                $0[path: "metadata", "name"]?.stringValue
            }
            #expect(left == ["keep"])
        }
    }
}
