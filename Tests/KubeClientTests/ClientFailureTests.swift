import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@Suite("Client failures: retries, timeouts, unreachable servers, in-cluster configuration", .timeLimit(.minutes(2)))
struct ClientFailureTests {
    @Test("reads are retried on 429 and 503; writes only on 429; a conflict is never retried")
    func retries() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "r")))
                await cluster.faults.install(
                    FaultRule(verbs: ["get"], name: "r", action: .error(code: 429, message: "slow down"), remaining: 1)
                )
                await cluster.faults.install(
                    FaultRule(
                        verbs: ["get"],
                        name: "r",
                        action: .error(code: 503, message: "apiservice unavailable"),
                        remaining: 1
                    )
                )
                #expect(try await client.get(ConfigMap.self, name: "r").metadata.name == "r")

                await cluster.faults.install(
                    FaultRule(verbs: ["create"], action: .error(code: 429, message: "slow down"), remaining: 1)
                )
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "after-429")))

                await cluster.faults.install(
                    FaultRule(
                        verbs: ["create"],
                        action: .error(code: 503, message: "conversion webhook for argoproj.io/v1alpha1 failed"),
                        remaining: 1
                    )
                )
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "after-503")))
                    Issue.record("a write must not be retried on 503")
                } catch let error as KubeError {
                    #expect(error.kind == .server(code: 503))
                    #expect(error.isDependencyFailure)
                    #expect(error.message == "conversion webhook for argoproj.io/v1alpha1 failed")
                }
                let created = await cluster.store.auditLog.filter { $0.verb == "create" && $0.resource == "configmaps" }
                    .map(\.name)
                #expect(created == ["r", "after-429"])
            }
        }
    }

    @Test("a request the server never answers ends with a timeout error naming the host")
    func timeout() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster, requestTimeout: .milliseconds(300))) {
                client in
                await cluster.faults.install(FaultRule(verbs: ["create"], action: .stall))
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "stalled")))
                    Issue.record("a stalled request must time out")
                } catch let error as KubeError {
                    #expect(error.kind == .timeout)
                    #expect(error.message.contains("no answer from 127.0.0.1:"))
                }
                await cluster.faults.removeAll()
            }
        }
    }

    @Test("a call whose task is cancelled ends as cancelled, not as a timeout or a dependency failure")
    func cancelled() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                await cluster.faults.install(FaultRule(verbs: ["create"], action: .stall, remaining: 1))
                let outcome = await withTaskGroup(of: KubeError?.self) { group in
                    group.addTask {
                        do {
                            _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "abandoned")))
                            return nil
                        } catch let error as KubeError {
                            return error
                        } catch {
                            return KubeError(kind: .badResponse, verb: "", target: "", message: "\(error)")
                        }
                    }
                    // Cancel once the server holds the request (the one-shot stall rule is used up).
                    while await !cluster.faults.activeRules.isEmpty { try? await Task.sleep(for: .milliseconds(10)) }
                    group.cancelAll()
                    return await group.next() ?? nil
                }
                let error = try #require(outcome)
                #expect(error.kind == .cancelled, "\(error)")
                #expect(!error.isDependencyFailure)
            }
        }
    }

    @Test("an unreachable server is one readable line")
    func unreachable() async throws {
        let port = try await withEmbeddedCluster { cluster in
            await cluster.serverURL()
        }
        try await withKubeClient(ClientConfiguration(server: port, requestTimeout: .seconds(2))) { client in
            do {
                _ = try await client.get(ConfigMap.self, name: "x")
                Issue.record("nothing listens there any more")
            } catch let error as KubeError {
                #expect(error.kind == .unreachable)
                let host = port.replacing("http://", with: "")
                #expect(
                    error.description
                        == "GET \(port)/api/v1/namespaces/default/configmaps/x: cannot connect to \(host): connection refused"
                )
            }
        }
    }

    @Test("in-cluster configuration reads the service account files")
    func inCluster() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("token-1".utf8).write(to: directory.appending(path: "token"))
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: directory.appending(path: "ca.crt"))
        try Data("rollouts\n".utf8).write(to: directory.appending(path: "namespace"))
        #expect(try InClusterConfiguration.load(environment: [:], directory: directory.path) == nil)
        let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let configuration = try #require(
            try InClusterConfiguration.load(environment: environment, directory: directory.path)
        )
        #expect(configuration.server == "https://10.96.0.1:443")
        #expect(configuration.namespace == "rollouts")
        guard case .tokenFile(let path) = configuration.credentials else {
            Issue.record("expected a token file")
            return
        }
        #expect(path == directory.path + "/token")
    }
}
