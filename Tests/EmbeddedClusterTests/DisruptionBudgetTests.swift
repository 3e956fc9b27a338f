import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

/// PodDisruptionBudgets kept by the simulated disruption controller, and the pods' `eviction`
/// subresource that enforces them the way the real API server does.
@Suite("PodDisruptionBudgets and evictions", .timeLimit(.minutes(2)))
struct DisruptionBudgetTests {
    static let configuration = EmbeddedClusterConfiguration(
        allowsAnonymous: true,
        simulators: SimulatorConfiguration(podReadyDelay: .milliseconds(20), badImagePattern: ":broken$")
    )
    static let budgets = "/apis/policy/v1/namespaces/default/poddisruptionbudgets"
    static let pods = "/api/v1/namespaces/default/pods"

    static func budget(_ name: String, _ rule: (String, JSONValue), app: String = "web") -> JSONValue {
        [
            "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": ["name": .string(name)],
            "spec": [rule.0: rule.1, "selector": ["matchLabels": ["app": .string(app)]]],
        ]
    }

    static func eviction(_ pod: String, apiVersion: String = "policy/v1", uid: String? = nil) -> JSONValue {
        var body: JSONValue = [
            "apiVersion": .string(apiVersion), "kind": "Eviction", "metadata": ["name": .string(pod)],
        ]
        if let uid { body.setValue(["preconditions": ["uid": .string(uid)]], at: ["deleteOptions"]) }
        return body
    }

    /// Three Ready pods of ReplicaSet `web` (label app=web), and the budget once its status counts them.
    func readyPodsAndBudget(_ client: RawAPIClient, _ budget: JSONValue) async throws -> JSONValue {
        _ = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("web", replicas: 3))
        _ = try await waitForObject(client, Fixtures.replicaSets, "web") { $0[path: "status", "readyReplicas"] == 3 }
        #expect(try await client.post(Self.budgets, budget).status == 201)
        let name = budget[path: "metadata", "name"]?.stringValue ?? ""
        return try await waitForObject(client, Self.budgets, name) { $0[path: "status", "currentHealthy"] == 3 }
    }

    func podNames(_ client: RawAPIClient) async throws -> [String] {
        try await client.get(Self.pods).json["items"]?.arrayValue?.compactMap {
            $0[path: "metadata", "name"]?.stringValue
        }
            ?? []
    }

    /// (rule, value, desiredHealthy, disruptionsAllowed) over three Ready pods of one ReplicaSet.
    static let budgetCases: [(String, JSONValue, Int, Int)] = [
        ("minAvailable", 2, 2, 1), ("minAvailable", "50%", 2, 1), ("minAvailable", 3, 3, 0),
        ("minAvailable", "100%", 3, 0), ("maxUnavailable", 1, 2, 1), ("maxUnavailable", "34%", 1, 2),
        ("maxUnavailable", 0, 3, 0),
    ]

    @Test(
        "the disruption controller counts expected and healthy pods from minAvailable or maxUnavailable",
        arguments: budgetCases
    )
    func budgetStatus(rule: String, value: JSONValue, desired: Int, allowed: Int) async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            let client = await cluster.rawClient()
            let pdb = try await readyPodsAndBudget(client, Self.budget("web", (rule, value)))
            #expect(pdb[path: "status", "expectedPods"] == 3)
            #expect(pdb[path: "status", "desiredHealthy"] == .number(JSONNumber(desired)))
            #expect(pdb[path: "status", "disruptionsAllowed"] == .number(JSONNumber(allowed)))
            #expect(pdb[path: "status", "observedGeneration"] == 1)
            let condition = pdb[path: "status", "conditions"]?[0]
            #expect(condition?["type"] == "DisruptionAllowed")
            #expect(condition?["status"] == (allowed > 0 ? "True" : "False"))
            #expect(condition?["reason"] == (allowed > 0 ? "SufficientPods" : "InsufficientPods"))
            let typed = try KubeJSON.decode(PodDisruptionBudget.self, from: pdb)
            #expect(typed.status?.disruptionsAllowed == Int32(allowed))
            #expect(typed.status?.conditions?.first?.type == "DisruptionAllowed")
        }
    }

    @Test("an eviction the budget allows deletes the pod with 201 Success; the next one is refused with 429")
    func evictionSpendsTheBudget() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            let client = await cluster.rawClient()
            // Pods without a controller, so nothing replaces an evicted one behind the test's back.
            let names = ["p0", "p1", "p2"]
            for name in names {
                let pod: JSONValue = [
                    "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "labels": ["app": "web"]],
                    "spec": ["containers": [["name": "c", "image": "nginx:1.25"]]],
                ]
                #expect(try await client.post(Self.pods, pod).status == 201)
            }
            #expect(try await client.post(Self.budgets, Self.budget("web", ("minAvailable", 2))).status == 201)
            let budget = try await waitForObject(client, Self.budgets, "web") {
                $0[path: "status", "currentHealthy"] == 3
            }
            #expect(budget[path: "status", "disruptionsAllowed"] == 1)
            let first = try await client.post(Self.pods + "/\(names[0])/eviction", Self.eviction(names[0]))
            #expect(first.status == 201)
            #expect(first.json["kind"] == "Status")
            #expect(first.json["status"] == "Success")
            #expect(try await client.get(Self.pods + "/\(names[0])").status == 404)

            let second = try await client.post(Self.pods + "/\(names[1])/eviction", Self.eviction(names[1]))
            #expect(second.status == 429)
            #expect(second.json["reason"] == "TooManyRequests")
            #expect(second.json["message"] == "Cannot evict pod as it would violate the pod's disruption budget.")
            let cause = second.json[path: "details", "causes"]?[0]
            #expect(cause?["reason"] == "DisruptionBudget")
            #expect(cause?["message"]?.stringValue?.hasPrefix("The disruption budget web needs 2 healthy pods") == true)
            #expect(try await client.get(Self.pods + "/\(names[1])").status == 200)
        }
    }

    /// Watches the pods of ReplicaSet `rs` until `count` of them are Running; returns their names.
    func runningPods(_ client: RawAPIClient, rs: String, count: Int) async throws -> [String] {
        var running: Set<String> = []
        for try await event in try await client.watch(Self.pods + "?watch=true&labelSelector=rs%3D\(rs)") {
            guard let name = event[path: "object", "metadata", "name"]?.stringValue else { continue }
            if event["type"] != "DELETED" && event[path: "object", "status", "phase"] == "Running" {
                running.insert(name)
            } else {
                running.remove(name)
            }
            if running.count >= count { return running.sorted() }
        }
        return running.sorted()
    }

    @Test("a pod that is not Ready is evicted while the budget keeps its healthy pods, and refused otherwise")
    func unhealthyPods() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            let client = await cluster.rawClient()
            _ = try await readyPodsAndBudget(client, Self.budget("web", ("minAvailable", 3)))
            var sick = Fixtures.replicaSet("sick", replicas: 2, image: "nginx:broken")
            sick.setValue(["app": "web", "rs": "sick"], at: ["spec", "template", "metadata", "labels"])
            sick.setValue(["app": "web", "rs": "sick"], at: ["spec", "selector", "matchLabels"])
            _ = try await client.post(Fixtures.replicaSets, sick)
            let unready = try await runningPods(client, rs: "sick", count: 2)
            let budget = try await waitForObject(client, Self.budgets, "web") {
                $0[path: "status", "expectedPods"] == 5
            }
            #expect(budget[path: "status", "currentHealthy"] == 3)
            #expect(budget[path: "status", "disruptionsAllowed"] == 0)
            let evicted = try await client.post(Self.pods + "/\(unready[0])/eviction", Self.eviction(unready[0]))
            #expect(evicted.status == 201, "\(evicted.text)")

            // With the budget raised beyond the healthy pods, unready pods are protected too.
            _ = try await client.patch(
                Self.budgets + "/web",
                ["spec": ["minAvailable": 4]],
                type: "application/merge-patch+json"
            )
            _ = try await waitForObject(client, Self.budgets, "web") { $0[path: "status", "desiredHealthy"] == 4 }
            let name = unready[1]
            let refused = try await client.post(Self.pods + "/\(name)/eviction", Self.eviction(name))
            #expect(refused.status == 429)
            #expect(try await client.get(Self.pods + "/\(name)").status == 200)
        }
    }

    @Test("a budget the controller has not observed yet refuses evictions with 429 and Retry-After")
    func unobservedBudget() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration()) { cluster in
            let client = await cluster.rawClient()
            let pod: JSONValue = [
                "apiVersion": "v1", "kind": "Pod",
                "metadata": ["name": "p", "labels": ["app": "web"]],
                "spec": ["containers": [["name": "c", "image": "nginx"]]],
            ]
            _ = try await client.post(Self.pods, pod)
            _ = try await client.patch(
                Self.pods + "/p/status",
                ["status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]],
                type: "application/merge-patch+json"
            )
            _ = try await client.post(Self.budgets, Self.budget("web", ("maxUnavailable", 1)))
            let refused = try await client.post(Self.pods + "/p/eviction", Self.eviction("p"))
            #expect(refused.status == 429)
            #expect(refused.headers.contains { $0.0.lowercased() == "retry-after" && $0.1 == "10" })
            #expect(
                refused.json[path: "details", "causes"]?[0]?["message"]
                    == "The disruption budget web is still being processed by the server."
            )
        }
    }

    @Test("evictions honour a uid precondition, check the name, accept policy/v1beta1, and need no budget")
    func evictionRequests() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.replicaSets, Fixtures.replicaSet("web", replicas: 2))
            _ = try await waitForObject(client, Fixtures.replicaSets, "web") {
                $0[path: "status", "readyReplicas"] == 2
            }
            let names = try await podNames(client)
            let stale = try await client.post(
                Self.pods + "/\(names[0])/eviction",
                Self.eviction(names[0], uid: "not-its-uid")
            )
            #expect(stale.status == 409)
            #expect(stale.json["message"]?.stringValue?.contains("Precondition failed: UID in precondition") == true)
            let mismatched = try await client.post(Self.pods + "/\(names[0])/eviction", Self.eviction(names[1]))
            #expect(mismatched.status == 400)
            #expect(mismatched.json["message"] == "name in URL does not match name in Eviction object")
            let uid = try await client.get(Self.pods + "/\(names[0])").json[path: "metadata", "uid"]?.stringValue
            let beta = try await client.post(
                Self.pods + "/\(names[0])/eviction",
                Self.eviction(names[0], apiVersion: "policy/v1beta1", uid: uid)
            )
            #expect(beta.status == 201)
            #expect(try await client.get(Self.pods + "/\(names[0])").status == 404)
            #expect(try await client.post(Self.pods + "/ghost/eviction", Self.eviction("ghost")).status == 404)
        }
    }

    @Test("discovery lists pods/eviction and poddisruptionbudgets; kubectl get pdb reads them")
    func discoveryAndKubectl() async throws {
        try await withKubectl(Self.configuration) { kubectl, cluster in
            let client = await cluster.rawClient()
            let core = try await client.get("/api/v1").json["resources"]?.arrayValue ?? []
            let eviction = core.first { $0["name"] == "pods/eviction" }
            #expect(eviction?["kind"] == "Eviction")
            #expect(eviction?["group"] == "policy")
            #expect(eviction?["verbs"] == ["create"])
            let policy = try await client.get("/apis/policy/v1").json["resources"]?.arrayValue ?? []
            #expect(policy.contains { $0["name"] == "poddisruptionbudgets" && $0["shortNames"] == ["pdb"] })

            _ = try await readyPodsAndBudget(client, Self.budget("web", ("maxUnavailable", 1)))
            let listed = try await kubectl.run(["get", "pdb"])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("web"))
            let allowed = try await kubectl.run(["get", "pdb", "web", "-o", "jsonpath={.status.disruptionsAllowed}"])
            #expect(allowed.stdout == "1")
        }
    }
}
