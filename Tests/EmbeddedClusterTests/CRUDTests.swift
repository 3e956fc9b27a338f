import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Create, read, update, delete", .timeLimit(.minutes(2)))
struct CRUDTests {
    @Test("create assigns uid, resourceVersion, generation and creationTimestamp; get returns it")
    func createAndGet() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let created = try await client.post(Fixtures.configMaps, Fixtures.configMap("one"))
            #expect(created.status == 201)
            let meta = created.json["metadata"]
            #expect(meta?["uid"]?.stringValue?.isEmpty == false)
            #expect(meta?["generation"] == 1)
            #expect(meta?["namespace"] == "default")
            #expect(meta?["creationTimestamp"]?.stringValue.flatMap(RFC3339.parse) != nil)
            let version = try #require(meta?["resourceVersion"]?.stringValue.flatMap { UInt64($0) })

            let fetched = try await client.get(Fixtures.configMaps + "/one")
            #expect(fetched.status == 200)
            #expect(fetched.json == created.json)

            let second = try await client.post(Fixtures.configMaps, Fixtures.configMap("two"))
            let nextVersion = try #require(
                second.json[path: "metadata", "resourceVersion"]?.stringValue.flatMap { UInt64($0) }
            )
            #expect(nextVersion > version)
        }
    }

    @Test("duplicates, missing objects and missing namespaces get the real server's Status bodies")
    func errorStatuses() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("dup"))
            let duplicate = try await client.post(Fixtures.configMaps, Fixtures.configMap("dup"))
            #expect(duplicate.status == 409)
            #expect(duplicate.json["reason"] == "AlreadyExists")
            #expect(duplicate.json["message"] == "configmaps \"dup\" already exists")
            #expect(duplicate.json["kind"] == "Status")

            let missing = try await client.get(Fixtures.replicaSets + "/nope")
            #expect(missing.status == 404)
            #expect(missing.json["message"] == "replicasets.apps \"nope\" not found")
            #expect(missing.json[path: "details", "kind"] == "replicasets")

            let noNamespace = try await client.post("/api/v1/namespaces/ghost/configmaps", Fixtures.configMap("x"))
            #expect(noNamespace.status == 404)
            #expect(noNamespace.json["message"] == "namespaces \"ghost\" not found")
        }
    }

    @Test("an update with a stale resourceVersion is a 409 Conflict; a current one succeeds")
    func optimisticConcurrency() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let created = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("web"))
            var first = created.json
            first.setValue(3, at: ["spec", "replicas"])
            let updated = try await client.put(Fixtures.replicaSets + "/web", first)
            #expect(updated.status == 200)
            #expect(updated.json[path: "metadata", "generation"] == 2)

            var stale = created.json
            stale.setValue(5, at: ["spec", "replicas"])
            let conflict = try await client.put(Fixtures.replicaSets + "/web", stale)
            #expect(conflict.status == 409)
            #expect(conflict.json["reason"] == "Conflict")
            #expect(
                conflict.json["message"]
                    == "Operation cannot be fulfilled on replicasets.apps \"web\": the object has been modified; please apply your changes to the latest version and try again"
            )
            let current = try await client.get(Fixtures.replicaSets + "/web")
            #expect(current.json[path: "spec", "replicas"] == 3)
        }
    }

    @Test("generation moves on spec changes only, never on metadata or status")
    func generationRules() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var object = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("gen")).json
            object.setValue("yes", at: ["metadata", "labels", "touched"])
            object = try await client.put(Fixtures.replicaSets + "/gen", object).json
            #expect(object[path: "metadata", "generation"] == 1)

            object.setValue(["replicas": 2, "readyReplicas": 1], at: ["status"])
            let statusWrite = try await client.put(Fixtures.replicaSets + "/gen/status", object)
            #expect(statusWrite.status == 200)
            #expect(statusWrite.json[path: "metadata", "generation"] == 1)
            #expect(statusWrite.json[path: "status", "readyReplicas"] == 1)

            let specChange = try await client.patch(
                Fixtures.replicaSets + "/gen",
                ["spec": ["minReadySeconds": 5]],
                type: "application/merge-patch+json"
            ).json
            #expect(specChange[path: "metadata", "generation"] == 2)
        }
    }

    @Test("the main resource ignores status, the status subresource ignores everything else")
    func statusSubresource() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var rollout = try await client.post(Fixtures.rollouts, Fixtures.rollout("demo")).json
            rollout.setValue(["phase": "Healthy"], at: ["status"])
            let main = try await client.put(Fixtures.rollouts + "/demo", rollout)
            #expect(main.status == 200)
            #expect(main.json["status"] == nil)

            var statusOnly = main.json
            statusOnly.setValue(["phase": "Progressing"], at: ["status"])
            statusOnly.setValue(99, at: ["spec", "replicas"])
            let status = try await client.put(Fixtures.rollouts + "/demo/status", statusOnly)
            #expect(status.json[path: "status", "phase"] == "Progressing")
            #expect(status.json[path: "spec", "replicas"] == 3)
            #expect(status.json[path: "spec", "futureField", "kept"] == true)

            let patched = try await client.patch(
                Fixtures.rollouts + "/demo/status",
                ["status": ["abort": true]],
                type: "application/merge-patch+json"
            )
            #expect(patched.json[path: "status", "abort"] == true)
            #expect(patched.json[path: "status", "phase"] == "Progressing")
        }
    }

    @Test("an update that changes nothing is not a write: same resourceVersion, no audit entry")
    func noOpUpdate() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let created = try await client.post(Fixtures.configMaps, Fixtures.configMap("same")).json
            let writes = await cluster.store.auditLog.count
            let again = try await client.put(Fixtures.configMaps + "/same", created)
            #expect(again.json[path: "metadata", "resourceVersion"] == created[path: "metadata", "resourceVersion"])
            #expect(await cluster.store.auditLog.count == writes)
        }
    }

    @Test("dryRun=All validates and answers without storing")
    func dryRun() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let reply = try await client.post(Fixtures.configMaps + "?dryRun=All", Fixtures.configMap("dry"))
            #expect(reply.status == 201)
            #expect(reply.json[path: "metadata", "name"] == "dry")
            #expect(try await client.get(Fixtures.configMaps + "/dry").status == 404)
        }
    }

    @Test("generateName creates a unique name; pod templates get the server's defaults")
    func generateNameAndDefaults() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var object = Fixtures.replicaSet("ignored")
            object.setValue(nil, at: ["metadata", "name"])
            object.setValue("web-", at: ["metadata", "generateName"])
            object.setValue(nil, at: ["spec", "replicas"])
            let created = try await client.post(Fixtures.replicaSets, object).json
            let name = try #require(created[path: "metadata", "name"]?.stringValue)
            #expect(name.hasPrefix("web-") && name.count == 9)
            #expect(created[path: "spec", "replicas"] == 1)
            let container = created[path: "spec", "template", "spec", "containers"]?[0]
            #expect(container?["imagePullPolicy"] == "IfNotPresent")
            #expect(container?["terminationMessagePath"] == "/dev/termination-log")
            #expect(container?["ports"]?[0]?["protocol"] == "TCP")
            #expect(created[path: "spec", "template", "spec", "restartPolicy"] == "Always")
            #expect(created[path: "spec", "template", "spec", "terminationGracePeriodSeconds"] == 30)
        }
    }

    @Test("every write is in the audit log with the writer's identity")
    func auditLog() async throws {
        let configuration = EmbeddedClusterConfiguration(tokens: ["controller-a-token": "controller-a"])
        try await withEmbeddedCluster(configuration) { cluster in
            let controller = RawAPIClient(baseURL: await cluster.serverURL(), token: "controller-a-token")
            _ = try await controller.post(Fixtures.configMaps, Fixtures.configMap("audited"))
            _ = try await controller.patch(
                Fixtures.configMaps + "/audited",
                ["data": ["b": "2"]],
                type: "application/merge-patch+json"
            )
            _ = try await controller.delete(Fixtures.configMaps + "/audited")
            let entries = await cluster.store.auditLog.filter { $0.name == "audited" }
            #expect(entries.map(\.verb) == ["create", "patch", "delete"])
            #expect(
                entries.allSatisfy {
                    $0.identity == "controller-a" && $0.resource == "configmaps" && $0.namespace == "default"
                }
            )
            #expect(entries.map(\.resourceVersion) == entries.map(\.resourceVersion).sorted())
        }
    }
}
