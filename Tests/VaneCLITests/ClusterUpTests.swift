import Foundation
import KubeTestKit
import Testing

@Suite("vane cluster up", .timeLimit(.minutes(2)))
struct ClusterUpTests {
    @Test("prints the kubeconfig path and server URL, serves kubectl, and stops cleanly on SIGTERM")
    func clusterUp() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appending(path: "kubeconfig").path
        let status = try await VaneBinary.withRunning(["cluster", "up", "--kubeconfig-out", kubeconfig]) { vane in
            var output = vane.stdout.makeAsyncIterator()
            let pathLine = await output.next()
            let serverLine = await output.next()
            #expect(pathLine == "kubeconfig: \(kubeconfig)")
            #expect(serverLine?.hasPrefix("server: http://127.0.0.1:") == true)

            let kubectl = try #require(Kubectl(kubeconfig: kubeconfig), "kubectl is not installed")
            let namespaces = try await kubectl.run(["get", "namespaces", "-o", "name"])
            #expect(namespaces.status == 0, "\(namespaces.stderr)")
            #expect(namespaces.stdout.contains("namespace/default"))

            vane.terminate()
        }
        #expect(status == 0)
    }

    @Test("rejects an impossible port with a usage error")
    func badPort() async throws {
        let result = try await VaneBinary.run(["cluster", "up", "--port", "70000"])
        #expect(result.status == 2)
    }
}
