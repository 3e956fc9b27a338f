import EmbeddedCluster
import Foundation
import KubeAPI
import KubeTestKit
import Testing

/// Real kubectl against the embedded cluster: the proof that the server is faithful to an
/// independent client. kubectl versions differ (Debian ships 1.20), so a few checks adapt.
@Suite("kubectl against the embedded cluster", .timeLimit(.minutes(2)))
struct KubectlTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.25
        """

    func json(_ result: Kubectl.Result) throws -> JSONValue {
        try JSONParser.parse(result.stdout)
    }

    @Test("apply creates, a second apply changes a field, get -o json shows it")
    func applyTwice() async throws {
        try await withKubectl { kubectl, _ in
            let created = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("deployment.apps/web created"))
            let changed = try await kubectl.run(
                ["apply", "-f", "-"],
                stdin: Self.deployment.replacing("nginx:1.25", with: "nginx:1.26")
            )
            #expect(changed.status == 0, "\(changed.stderr)")
            #expect(changed.stdout.contains("deployment.apps/web configured"))
            let object = try json(try await kubectl.run(["get", "deployment", "web", "-o", "json"]))
            #expect(object[path: "spec", "template", "spec", "containers"]?[0]?["image"] == "nginx:1.26")
            #expect(object[path: "metadata", "generation"] == 2)
            #expect(object[path: "metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"] != nil)
        }
    }

    @Test("get -w receives a change made by another client")
    func getWatch() async throws {
        try await withKubectl { kubectl, _ in
            _ = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            try await kubectl.withRunning([
                "get", "deployment", "web", "-w", "-o", "jsonpath={.metadata.labels.stage}{\"\\n\"}",
            ]) { watch in
                defer { watch.terminate() }
                var iterator = watch.stdout.makeAsyncIterator()
                _ = await iterator.next()  // the initial state
                let labelled = try await kubectl.run(["label", "deployment", "web", "stage=canary"])
                #expect(labelled.status == 0)
                #expect(await iterator.next() == "canary")
            }
        }
    }

    @Test("patch with --type merge, json and strategic")
    func patches() async throws {
        try await withKubectl { kubectl, _ in
            _ = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            let merge = try await kubectl.run([
                "patch", "deployment", "web", "--type", "merge", "-p", #"{"spec":{"replicas":3}}"#,
            ])
            #expect(merge.status == 0, "\(merge.stderr)")
            let jsonPatch = try await kubectl.run([
                "patch", "deployment", "web", "--type", "json", "-p",
                #"[{"op":"add","path":"/metadata/labels","value":{"team":"a"}}]"#,
            ])
            #expect(jsonPatch.status == 0, "\(jsonPatch.stderr)")
            let strategic = try await kubectl.run([
                "patch", "deployment", "web", "--type", "strategic", "-p",
                #"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"}]}}}}"#,
            ])
            #expect(strategic.status == 0, "\(strategic.stderr)")
            let object = try json(try await kubectl.run(["get", "deployment", "web", "-o", "json"]))
            #expect(object[path: "spec", "replicas"] == 3)
            #expect(object[path: "metadata", "labels", "team"] == "a")
            let images = object[path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap {
                $0["image"]?.stringValue
            }
            #expect(images == ["nginx:1.25", "envoy:1"])
        }
    }

    @Test("scale and label, then select by label")
    func scaleAndLabel() async throws {
        try await withKubectl { kubectl, _ in
            _ = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            #expect(try await kubectl.run(["scale", "deployment", "web", "--replicas", "5"]).status == 0)
            #expect(try await kubectl.run(["label", "deployment", "web", "tier=frontend"]).status == 0)
            let selected = try await kubectl.run([
                "get", "deployments", "-l", "tier in (frontend,backend)", "-o", "jsonpath={.items[*].spec.replicas}",
            ])
            #expect(selected.stdout == "5")
            let none = try await kubectl.run(["get", "deployments", "-l", "tier=backend", "-o", "name"])
            #expect(none.stdout.isEmpty)
        }
    }

    @Test("delete cascades to owned objects")
    func cascadingDelete() async throws {
        try await withKubectl { kubectl, cluster in
            _ = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            let owner = try json(try await kubectl.run(["get", "deployment", "web", "-o", "json"]))
            let client = await cluster.rawClient()
            var replicaSet = Fixtures.replicaSet("web-1")
            replicaSet.setValue([Fixtures.ownerReference(of: owner)], at: ["metadata", "ownerReferences"])
            #expect(try await client.post(Fixtures.replicaSets, replicaSet).status == 201)
            let deleted = try await kubectl.run(["delete", "deployment", "web"])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            let left = try await kubectl.run(["get", "replicasets", "-o", "name"])
            #expect(left.stdout.isEmpty)
        }
    }

    @Test("wait returns once the watched condition holds")
    func waitFor() async throws {
        try await withKubectl { kubectl, cluster in
            _ = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            let modern = try await kubectl.minorVersion() >= 23
            let condition = modern ? "jsonpath={.status.readyReplicas}=2" : "condition=Available"
            let exitStatus = try await kubectl.withRunning([
                "wait", "deployment/web", "--for=\(condition)", "--timeout=60s",
            ]) { _ in
                let client = await cluster.rawClient()
                let status: JSONValue = [
                    "status": [
                        "readyReplicas": 2, "replicas": 2,
                        "conditions": [["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"]],
                    ]
                ]
                let patched = try await client.patch(
                    "/apis/apps/v1/namespaces/default/deployments/web/status",
                    status,
                    type: "application/merge-patch+json"
                )
                #expect(patched.status == 200)
            }
            #expect(exitStatus == 0)
        }
    }

    @Test("api-resources lists the Argo Rollouts kinds with their short names")
    func apiResources() async throws {
        try await withKubectl { kubectl, _ in
            let result = try await kubectl.run(["api-resources", "--api-group", "argoproj.io", "-o", "wide"])
            #expect(result.status == 0, "\(result.stderr)")
            let rollouts = result.stdout.split(separator: "\n").first { $0.hasPrefix("rollouts ") }
            #expect(rollouts?.contains(" ro ") == true)
        }
    }

    @Test("apply --dry-run=server of a Rollout and of a custom resource stores nothing, creating or configuring")
    func serverDryRun() async throws {
        try await withKubectl { kubectl, cluster in
            try await kubectl.define(
                CustomResourceFixtures.virtualServiceYAML,
                named: "virtualservices.networking.istio.io"
            )
            let list: JSONValue = [
                "apiVersion": "v1", "kind": "List",
                "items": [Fixtures.rollout("web"), CustomResourceFixtures.route("web")],
            ]
            let manifest = String(decoding: JSONSerializer.serialize(list), as: UTF8.self)
            let before = await cluster.store.currentResourceVersion
            let created = try await kubectl.run(["apply", "--dry-run=server", "-f", "-"], stdin: manifest)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("rollout.argoproj.io/web created (server dry run)"), "\(created.stdout)")
            #expect(created.stdout.contains("virtualservice.networking.istio.io/web created (server dry run)"))
            #expect(await cluster.store.currentResourceVersion == before)

            let applied = try await kubectl.run(["apply", "-f", "-"], stdin: manifest)
            #expect(applied.status == 0, "\(applied.stderr)")
            let stored = await cluster.store.currentResourceVersion
            let changed = manifest.replacing("nginx:1.25", with: "nginx:1.26").replacing("100", with: "90")
            let configured = try await kubectl.run(["apply", "--dry-run=server", "-f", "-"], stdin: changed)
            #expect(configured.status == 0, "\(configured.stderr)")
            #expect(configured.stdout.contains("rollout.argoproj.io/web configured (server dry run)"))
            #expect(configured.stdout.contains("virtualservice.networking.istio.io/web configured (server dry run)"))
            #expect(await cluster.store.currentResourceVersion == stored)
            let image = try await kubectl.run([
                "get", "rollout", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
            ])
            #expect(image.stdout == "nginx:1.25", "\(image.stderr)")
        }
    }

    @Test("replacing with a stale resourceVersion is rejected with 409 Conflict")
    func staleReplace() async throws {
        try await withKubectl { kubectl, _ in
            _ = try await kubectl.run(["apply", "-f", "-"], stdin: Self.deployment)
            let snapshot = try await kubectl.run(["get", "deployment", "web", "-o", "json"]).stdout
            _ = try await kubectl.run(["label", "deployment", "web", "moved=on"])
            let replaced = try await kubectl.run(["replace", "-f", "-"], stdin: snapshot)
            #expect(replaced.status != 0)
            #expect(replaced.stderr.contains("Conflict"))
            #expect(replaced.stderr.contains("the object has been modified"))
        }
    }
}

@Suite("kubectl over TLS", .timeLimit(.minutes(2)))
struct KubectlTLSTests {
    func kubeconfigFile(_ text: String) throws -> (path: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appending(path: "kubeconfig").path
        try Data(text.utf8).write(to: URL(filePath: path))
        return (path, directory)
    }

    @Test("kubectl trusts the generated CA and authenticates with the bearer token")
    func tokenOverTLS() async throws {
        let configuration = EmbeddedClusterConfiguration(tls: try EmbeddedClusterTLS.generate())
        try await withEmbeddedCluster(configuration) { cluster in
            #expect(await cluster.serverURL().hasPrefix("https://"))
            let (path, directory) = try kubeconfigFile(await cluster.kubeconfig())
            defer { try? FileManager.default.removeItem(at: directory) }
            let kubectl = try #require(Kubectl(kubeconfig: path))
            let created = try await kubectl.run(["create", "configmap", "over-tls", "--from-literal=a=1"])
            #expect(created.status == 0, "\(created.stderr)")
            let entry = await cluster.store.auditLog.last
            #expect(entry?.name == "over-tls")
            #expect(entry?.identity == "admin")
        }
    }

    @Test("a client certificate signed by the cluster CA authenticates as its common name")
    func clientCertificate() async throws {
        let tls = try EmbeddedClusterTLS.generate()
        let issued = try tls.authority.issueClientCertificate(user: "jane")
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: tls)) { cluster in
            let server = await cluster.serverURL()
            let caData = Data(try tls.authority.root.certificatePEM.utf8).base64EncodedString()
            let certData = Data(try issued.certificatePEM.utf8).base64EncodedString()
            let keyData = Data(issued.privateKeyPEM.utf8).base64EncodedString()
            let text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "\(server)", certificate-authority-data: \(caData)}
                users:
                - name: jane
                  user: {client-certificate-data: \(certData), client-key-data: \(keyData)}
                contexts:
                - name: c
                  context: {cluster: c, user: jane, namespace: default}
                current-context: c
                """
            let (path, directory) = try kubeconfigFile(text)
            defer { try? FileManager.default.removeItem(at: directory) }
            let kubectl = try #require(Kubectl(kubeconfig: path))
            let created = try await kubectl.run(["create", "configmap", "by-jane", "--from-literal=a=1"])
            #expect(created.status == 0, "\(created.stderr)")
            #expect(await cluster.store.auditLog.last?.identity == "jane")
        }
    }
}
