import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

/// The kinds operators' tools read and install manifests create: RBAC, service accounts, webhooks,
/// aggregated APIs, access reviews.
@Suite("Install manifests, access reviews and aggregated APIs", .timeLimit(.minutes(2)))
struct AccessKindsTests {
    static let reviews = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"

    static func review(verb: String, resource: String, group: String = "") -> JSONValue {
        [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": [
                "resourceAttributes": [
                    "namespace": "default", "verb": .string(verb), "group": .string(group),
                    "resource": .string(resource),
                ]
            ],
        ]
    }

    @Test("access reviews answer from the policy, and denied requests are refused with 403")
    func accessReviews() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let allowed = try await client.post(Self.reviews, Self.review(verb: "delete", resource: "pods"))
            #expect(allowed.status == 201)
            #expect(allowed.json[path: "status", "allowed"] == true)
            #expect(try await client.get(Self.reviews).status == 405)

            await cluster.access.deny(user: "admin", verb: "create", group: "", resource: "configmaps")
            let denied = try await client.post(Self.reviews, Self.review(verb: "create", resource: "configmaps"))
            #expect(denied.json[path: "status", "allowed"] == false)
            let refused = try await client.post(Fixtures.configMaps, Fixtures.configMap("nope"))
            #expect(refused.status == 403)
            #expect(refused.json["reason"] == "Forbidden")
            #expect(
                refused.json["message"]
                    == #"configmaps is forbidden: User "admin" cannot create resource "configmaps" in API group "" in the namespace "default""#
            )
            #expect(try await client.get(Fixtures.configMaps).status == 200)
            await cluster.access.allowAll()
            #expect(try await client.post(Fixtures.configMaps, Fixtures.configMap("yes")).status == 201)
        }
    }

    @Test("kubectl auth can-i follows the policy")
    func canI() async throws {
        try await withKubectl { kubectl, cluster in
            let yes = try await kubectl.run(["auth", "can-i", "delete", "pods"])
            #expect(yes.stdout == "yes\n", "\(yes.stderr)")
            await cluster.access.deny(verb: "delete", resource: "pods")
            let no = try await kubectl.run(["auth", "can-i", "delete", "pods"])
            #expect(no.stdout == "no\n", "\(no.stderr)")
            #expect(no.status != 0)
        }
    }

    static let metricsAPI: JSONValue = [
        "apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": ["name": "v1beta1.metrics.k8s.io"],
        "spec": [
            "group": "metrics.k8s.io", "version": "v1beta1", "groupPriorityMinimum": 100, "versionPriority": 100,
            "service": ["name": "metrics-server", "namespace": "kube-system"],
        ],
    ]

    @Test("an APIService whose status says Available=False makes its group's discovery fail with 503")
    func unavailableAPIService() async throws {
        try await withKubectl { kubectl, cluster in
            let client = await cluster.rawClient()
            let services = "/apis/apiregistration.k8s.io/v1/apiservices"
            #expect(try await client.post(services, Self.metricsAPI).status == 201)
            #expect(try await client.get("/apis/metrics.k8s.io/v1beta1").status == 404)
            let listed = try await kubectl.run(["api-resources"])
            #expect(listed.status == 0, "\(listed.stderr)")

            let status: JSONValue = [
                "status": [
                    "conditions": [
                        [
                            "type": "Available", "status": "False", "reason": "MissingEndpoints",
                            "message": "endpoints for service/metrics-server in \"kube-system\" have no addresses",
                        ]
                    ]
                ]
            ]
            let patched = try await client.patch(
                services + "/v1beta1.metrics.k8s.io/status",
                status,
                type: "application/merge-patch+json"
            )
            #expect(patched.status == 200)
            let groups = try await client.get("/apis").json["groups"]?.arrayValue ?? []
            #expect(groups.contains { $0["name"] == "metrics.k8s.io" })
            let discovery = try await client.get("/apis/metrics.k8s.io/v1beta1")
            #expect(discovery.status == 503)
            #expect(discovery.text == "service unavailable\n")
            #expect(try await client.get("/apis/metrics.k8s.io/v1beta1/pods").status == 503)
            let resources = try await kubectl.run(["api-resources"])
            #expect(resources.status != 0)
            #expect(resources.stderr.contains("metrics.k8s.io/v1beta1"))
        }
    }

    @Test(
        "kubectl apply of an install manifest: client dry run, server dry run, then for real",
        arguments: ["client", "server"]
    )
    func installManifest(dryRun: String) async throws {
        try await withKubectl { kubectl, cluster in
            let client = await cluster.rawClient()
            let before = await cluster.store.currentResourceVersion
            let rehearsed = try await kubectl.run(
                ["apply", "--dry-run=\(dryRun)", "-f", "-"],
                stdin: InstallManifestFixture.yaml
            )
            #expect(rehearsed.status == 0, "\(rehearsed.stderr)")
            for object in InstallManifestFixture.objects {
                #expect(rehearsed.stdout.contains("\(object) created (\(dryRun == "server" ? "server " : "")dry run)"))
            }
            #expect(await cluster.store.currentResourceVersion == before)
            #expect(try await client.get("/apis/example.com/v1").status == 404)

            let applied = try await kubectl.run(["apply", "-f", "-"], stdin: InstallManifestFixture.yaml)
            #expect(applied.status == 0, "\(applied.stderr)")
            for object in InstallManifestFixture.objects {
                #expect(applied.stdout.contains("\(object) created"), "\(applied.stdout)")
            }
            let again = try await kubectl.run(["apply", "-f", "-"], stdin: InstallManifestFixture.yaml)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(!again.stdout.contains("created"))
            let listed = try await kubectl.run([
                "get", "serviceaccounts,clusterroles,clusterrolebindings,roles,rolebindings,pdb,ingressclasses", "-o",
                "name",
            ])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("clusterrolebinding.rbac.authorization.k8s.io/vane"))
            #expect(listed.stdout.contains("poddisruptionbudget.policy/vane"))
            #expect(try await client.get("/apis/example.com/v1").status == 200)
        }
    }
}
