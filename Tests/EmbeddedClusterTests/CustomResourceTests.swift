import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

/// CustomResourceDefinitions make the server serve new kinds at run time, as a real one does.
@Suite("CustomResourceDefinitions served dynamically", .timeLimit(.minutes(2)))
struct CustomResourceTests {
    typealias F = CustomResourceFixtures

    func define(_ client: RawAPIClient, _ crd: JSONValue) async throws -> JSONValue {
        let created = try await client.post(F.definitions, crd)
        #expect(created.status == 201, "\(created.text)")
        let name = crd[path: "metadata", "name"]?.stringValue ?? ""
        return try await waitForObject(client, F.definitions, name, until: F.isEstablished)
    }

    @Test("a definition is established and its kind appears in discovery with every served version")
    func discovery() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            #expect(try await client.get("/apis/networking.istio.io/v1beta1").status == 404)
            let crd = try await define(client, F.virtualService)
            #expect(crd[path: "status", "acceptedNames", "listKind"] == "VirtualServiceList")
            #expect(crd[path: "status", "storedVersions"] == ["v1beta1"])
            let conditions = crd[path: "status", "conditions"]?.arrayValue ?? []
            #expect(conditions.contains { $0["type"] == "NamesAccepted" && $0["status"] == "True" })

            let groups = try await client.get("/apis").json["groups"]?.arrayValue ?? []
            let istio = try #require(groups.first { $0["name"] == "networking.istio.io" })
            #expect(istio[path: "preferredVersion", "version"] == "v1beta1")
            #expect(
                istio["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } == ["v1beta1", "v1alpha3"]
            )
            for version in ["v1beta1", "v1alpha3"] {
                let resources = try await client.get("/apis/networking.istio.io/\(version)").json["resources"]
                let entry = try #require(resources?.arrayValue?.first { $0["name"] == "virtualservices" })
                #expect(entry["namespaced"] == true)
                #expect(entry["kind"] == "VirtualService")
                #expect(entry["singularName"] == "virtualservice")
                #expect(entry["shortNames"] == ["vs"])
                #expect(entry["categories"] == ["istio-io", "networking-istio-io"])
                #expect(entry["verbs"]?.arrayValue?.contains("watch") == true)
                #expect(resources?.arrayValue?.contains { $0["name"] == "virtualservices/status" } == true)
            }
        }
    }

    @Test("custom resources: CRUD, list and watch with selectors, merge and JSON patch, 415 for strategic")
    func crud() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await define(client, F.virtualService)
            var events = try await client.watch(F.routes + "?watch=true&labelSelector=team%3Da").makeAsyncIterator()
            #expect(try await client.post(F.routes, F.route("web", labels: ["team": "a"])).status == 201)
            #expect(try await client.post(F.routes, F.route("api", labels: ["team": "b"])).status == 201)
            #expect(try await events.next()?[path: "object", "metadata", "name"] == "web")
            let selected = try await client.get(F.routes + "?labelSelector=team%3Db").json["items"]?.arrayValue
            #expect(selected?.compactMap { $0[path: "metadata", "name"]?.stringValue } == ["api"])
            #expect(
                try await client.get("/apis/networking.istio.io/v1alpha3/namespaces/default/virtualservices/web").status
                    == 200
            )

            let merged = try await client.patch(
                F.routes + "/web",
                ["spec": ["gateways": ["mesh"]]],
                type: "application/merge-patch+json"
            )
            #expect(merged.status == 200)
            #expect(merged.json[path: "metadata", "generation"] == 2)
            #expect(try await events.next()?["type"] == "MODIFIED")
            let jsonPatched = try await client.patch(
                F.routes + "/web",
                [["op": "replace", "path": "/spec/http/0/route/0/weight", "value": 80]],
                type: "application/json-patch+json"
            )
            #expect(jsonPatched.json[path: "spec", "http"]?[0]?["route"]?[0]?["weight"] == 80)
            let strategic = try await client.patch(
                F.routes + "/web",
                ["spec": ["hosts": ["x"]]],
                type: "application/strategic-merge-patch+json"
            )
            #expect(strategic.status == 415)

            // The status subresource: the main resource ignores status, status ignores the rest.
            var withStatus = jsonPatched.json
            withStatus.setValue(["observedGeneration": 3], at: ["status"])
            let put = try await client.put(F.routes + "/web", withStatus)
            #expect(put.json["status"] == nil)
            let status = try await client.patch(
                F.routes + "/web/status",
                ["status": ["observedGeneration": 3], "spec": ["hosts": ["ignored"]]],
                type: "application/merge-patch+json"
            )
            #expect(status.json[path: "status", "observedGeneration"] == 3)
            #expect(status.json[path: "spec", "hosts"] == ["web"])
            #expect(status.json[path: "metadata", "generation"] == 3)

            #expect(try await client.delete(F.routes + "/web").status == 200)
            #expect(try await client.get(F.routes + "/web").status == 404)
        }
    }

    @Test("a cluster-scoped kind is served without namespaces only")
    func clusterScoped() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await define(client, F.clusterIssuer)
            let issuer: JSONValue = [
                "apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": ["name": "letsencrypt"],
                "spec": ["acme": ["server": "https://acme.example"]],
            ]
            #expect(try await client.post("/apis/cert-manager.io/v1/clusterissuers", issuer).status == 201)
            let fetched = try await client.get("/apis/cert-manager.io/v1/clusterissuers/letsencrypt")
            #expect(fetched.json[path: "metadata", "namespace"] == nil)
            #expect(try await client.get("/apis/cert-manager.io/v1/namespaces/default/clusterissuers").status == 404)
            let entry = try await client.get("/apis/cert-manager.io/v1").json["resources"]?[0]
            #expect(entry?["namespaced"] == false)
        }
    }

    @Test("the scale subresource reads and writes the paths the definition names")
    func scale() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await define(client, F.shard)
            let shards = "/apis/example.com/v1/namespaces/default/shards"
            let shard: JSONValue = [
                "apiVersion": "example.com/v1", "kind": "Shard", "metadata": ["name": "s"], "spec": ["size": 2],
            ]
            _ = try await client.post(shards, shard)
            _ = try await client.patch(
                shards + "/s/status",
                ["status": ["ready": 1, "selector": "app=s"]],
                type: "application/merge-patch+json"
            )
            let scale = try await client.get(shards + "/s/scale").json
            #expect(scale["kind"] == "Scale")
            #expect(scale[path: "spec", "replicas"] == 2)
            #expect(scale[path: "status", "replicas"] == 1)
            #expect(scale[path: "status", "selector"] == "app=s")
            let scaled = try await client.patch(
                shards + "/s/scale",
                ["spec": ["replicas": 5]],
                type: "application/merge-patch+json"
            )
            #expect(scaled.json[path: "spec", "replicas"] == 5)
            #expect(try await client.get(shards + "/s").json[path: "spec", "size"] == 5)
        }
    }

    @Test("deleting a definition deletes its objects, ends its watches and stops serving it")
    func deletion() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await define(client, F.virtualService)
            _ = try await client.post(F.routes, F.route("web"))
            var events = try await client.watch(F.routes + "?watch=true").makeAsyncIterator()
            #expect(try await events.next()?["type"] == "ADDED")
            #expect(try await client.delete(F.definitions + "/virtualservices.networking.istio.io").status == 200)
            #expect(try await events.next()?["type"] == "DELETED")
            #expect(try await events.next() == nil)
            #expect(try await client.get(F.routes).status == 404)
            #expect(try await client.get("/apis/networking.istio.io/v1beta1").status == 404)
            let groups = try await client.get("/apis").json["groups"]?.arrayValue ?? []
            #expect(!groups.contains { $0["name"] == "networking.istio.io" })
            // Defined again, the kind starts empty.
            _ = try await define(client, F.virtualService)
            #expect(try await client.get(F.routes).json["items"] == [])
        }
    }

    @Test("the Argo Rollouts kinds stay served as they are when their definition is applied and deleted")
    func argoKindsStay() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.rollouts, Fixtures.rollout("before"))
            _ = try await define(client, F.rollouts)
            #expect(try await client.post(Fixtures.rollouts, Fixtures.rollout("after")).status == 201)
            _ = try await client.patch(
                Fixtures.rollouts + "/after/status",
                ["status": ["replicas": 3, "HPAReplicas": 2, "selector": "app=after"]],
                type: "application/merge-patch+json"
            )
            let scale = try await client.get(Fixtures.rollouts + "/after/scale").json
            #expect(scale[path: "status", "replicas"] == 3)
            #expect(scale[path: "status", "selector"] == "app=after")
            #expect(try await client.delete(F.definitions + "/rollouts.argoproj.io").status == 200)
            let names = try await client.get(Fixtures.rollouts).json["items"]?.arrayValue?.compactMap {
                $0[path: "metadata", "name"]?.stringValue
            }
            #expect(names == ["after", "before"])
        }
    }

    @Test("a definition whose name is not <plural>.<group> is refused with 422")
    func invalidDefinition() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var crd = F.clusterIssuer
            crd.setValue("issuers.example.com", at: ["metadata", "name"])
            let refused = try await client.post(F.definitions, crd)
            #expect(refused.status == 422)
            #expect(
                refused.json["message"]?.stringValue?.contains("must be spec.names.plural+\".\"+spec.group") == true
            )
        }
    }

    static let route = """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata:
          name: web
        spec:
          hosts: [web]
          http:
          - route:
            - destination: {host: web}
              weight: 100
        """

    @Test("kubectl applies a definition, waits for it, then applies, gets, patches and deletes its objects")
    func kubectl() async throws {
        try await withKubectl { kubectl, _ in
            try await kubectl.define(F.virtualServiceYAML, named: "virtualservices.networking.istio.io")
            let created = try await kubectl.run(["apply", "-f", "-"], stdin: Self.route)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("virtualservice.networking.istio.io/web created"))
            let configured = try await kubectl.run(
                ["apply", "-f", "-"],
                stdin: Self.route.replacing("weight: 100", with: "weight: 90")
            )
            #expect(configured.status == 0, "\(configured.stderr)")
            #expect(configured.stdout.contains("configured"))
            let weight = try await kubectl.run(["get", "vs", "web", "-o", "jsonpath={.spec.http[0].route[0].weight}"])
            #expect(weight.stdout == "90", "\(weight.stderr)")
            let patched = try await kubectl.run([
                "patch", "virtualservices.networking.istio.io", "web", "--type", "merge", "-p",
                #"{"spec":{"gateways":["mesh"]}}"#,
            ])
            #expect(patched.status == 0, "\(patched.stderr)")
            let listed = try await kubectl.run(["get", "virtualservices", "-o", "name"])
            #expect(listed.stdout.contains("virtualservice.networking.istio.io/web"))
            let resources = try await kubectl.run(["api-resources", "--api-group", "networking.istio.io"])
            #expect(resources.stdout.contains("virtualservices"))
            let deleted = try await kubectl.run(["delete", "vs", "web"])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            let deletedDefinition = try await kubectl.run(["delete", "-f", "-"], stdin: F.virtualServiceYAML)
            #expect(deletedDefinition.status == 0, "\(deletedDefinition.stderr)")
        }
    }
}
