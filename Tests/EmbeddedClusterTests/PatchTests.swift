import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Patches and the scale subresource", .timeLimit(.minutes(2)))
struct PatchTests {
    @Test("merge patch merges maps and deletes with null")
    func mergePatch() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("m", data: ["a": "1", "b": "2"]))
            let reply = try await client.patch(
                Fixtures.configMaps + "/m",
                ["data": ["a": nil, "c": "3"]],
                type: "application/merge-patch+json"
            )
            #expect(reply.status == 200)
            #expect(reply.json["data"] == ["b": "2", "c": "3"])
        }
    }

    @Test("JSON patch applies add/replace/remove/test, and a failed test is 422")
    func jsonPatch() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("j", data: ["a": "1"]))
            let ops: JSONValue = [
                ["op": "test", "path": "/data/a", "value": "1"],
                ["op": "add", "path": "/data/slash~1key", "value": "x"],
                ["op": "replace", "path": "/data/a", "value": "2"],
                ["op": "add", "path": "/metadata/labels", "value": ["k": "v"]],
            ]
            let reply = try await client.patch(Fixtures.configMaps + "/j", ops, type: "application/json-patch+json")
            #expect(reply.status == 200)
            #expect(reply.json["data"] == ["a": "2", "slash/key": "x"])
            #expect(reply.json[path: "metadata", "labels", "k"] == "v")

            let failing: JSONValue = [["op": "test", "path": "/data/a", "value": "1"]]
            let rejected = try await client.patch(
                Fixtures.configMaps + "/j",
                failing,
                type: "application/json-patch+json"
            )
            #expect(rejected.status == 422)
            let missing: JSONValue = [["op": "remove", "path": "/data/nope"]]
            #expect(
                try await client.patch(Fixtures.configMaps + "/j", missing, type: "application/json-patch+json").status
                    == 422
            )
        }
    }

    @Test("strategic merge patch merges containers by name and ports by containerPort")
    func strategicPatch() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var rs = Fixtures.replicaSet("s")
            rs.setValue(
                [["name": "web", "image": "nginx:1.25"], ["name": "sidecar", "image": "envoy:1"]],
                at: ["spec", "template", "spec", "containers"]
            )
            _ = try await client.post(Fixtures.replicaSets, rs)
            let patch: JSONValue = [
                "spec": ["template": ["spec": ["containers": [["name": "sidecar", "image": "envoy:2"]]]]]
            ]
            let reply = try await client.patch(
                Fixtures.replicaSets + "/s",
                patch,
                type: "application/strategic-merge-patch+json"
            )
            #expect(reply.status == 200)
            let containers = reply.json[path: "spec", "template", "spec", "containers"]?.arrayValue ?? []
            #expect(containers.map { $0["name"] } == ["web", "sidecar"])
            #expect(containers.map { $0["image"] } == ["nginx:1.25", "envoy:2"])

            let delete: JSONValue = [
                "spec": ["template": ["spec": ["containers": [["name": "sidecar", "$patch": "delete"]]]]]
            ]
            let afterDelete = try await client.patch(
                Fixtures.replicaSets + "/s",
                delete,
                type: "application/strategic-merge-patch+json"
            )
            #expect(afterDelete.json[path: "spec", "template", "spec", "containers"]?.arrayValue?.count == 1)
        }
    }

    @Test("strategic merge patch on a custom resource is 415 like the real server")
    func strategicOnCustomResource() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.rollouts, Fixtures.rollout("r"))
            let reply = try await client.patch(
                Fixtures.rollouts + "/r",
                ["spec": ["replicas": 1]],
                type: "application/strategic-merge-patch+json"
            )
            #expect(reply.status == 415)
            #expect(reply.json["reason"] == "UnsupportedMediaType")
        }
    }

    @Test("the scale subresource reads and writes spec.replicas and reports the selector")
    func scale() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("sc", replicas: 2))
            let scale = try await client.get(Fixtures.replicaSets + "/sc/scale")
            #expect(scale.json["kind"] == "Scale")
            #expect(scale.json["apiVersion"] == "autoscaling/v1")
            #expect(scale.json[path: "spec", "replicas"] == 2)
            #expect(scale.json[path: "status", "selector"] == "app=web,rs=sc")

            var put = scale.json
            put.setValue(4, at: ["spec", "replicas"])
            #expect(try await client.put(Fixtures.replicaSets + "/sc/scale", put).json[path: "spec", "replicas"] == 4)
            let patched = try await client.patch(
                Fixtures.replicaSets + "/sc/scale",
                ["spec": ["replicas": 6]],
                type: "application/merge-patch+json"
            )
            #expect(patched.json[path: "spec", "replicas"] == 6)
            #expect(try await client.get(Fixtures.replicaSets + "/sc").json[path: "spec", "replicas"] == 6)

            let stale = try await client.put(Fixtures.replicaSets + "/sc/scale", put)
            #expect(stale.status == 409)

            _ = try await client.post(Fixtures.rollouts, Fixtures.rollout("ro"))
            let rolloutScale = try await client.patch(
                Fixtures.rollouts + "/ro/scale",
                ["spec": ["replicas": 5]],
                type: "application/merge-patch+json"
            )
            #expect(rolloutScale.json[path: "spec", "replicas"] == 5)
        }
    }
}
