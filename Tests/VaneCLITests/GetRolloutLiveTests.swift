import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@testable import VaneCLI

/// `vane get rollout -w` following changes, and the binary run as the kubectl plugin `kubectl-vane`.
@Suite("vane get rollout --watch and kubectl vane", .timeLimit(.minutes(2)))
struct GetRolloutLiveTests {
    @Test("-w prints the view, prints it again when the rollout changes, and exits 0 on SIGINT")
    func watchRedrawsUntilInterrupted() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }

            let status = try await VaneBinary.withRunning([
                "get", "rollout", "demo", "-w", "--kubeconfig", ops.kubeconfig,
            ]) { vane in
                var lines = vane.stdout.makeAsyncIterator()
                var firstView: [String] = []
                while let line = await lines.next() {
                    firstView.append(line)
                    if line.contains("Pod"), firstView.filter({ $0.contains("Pod") }).count == 4 { break }
                }
                #expect(firstView.first == "Name:            demo")
                #expect(firstView.contains("Status:          Healthy"))

                let paused = try await ops.vane(["pause", "demo"])
                #expect(paused.status == 0)
                var sawPaused = false
                while let line = await lines.next() {
                    if line == "Status:          Paused" {
                        sawPaused = true
                        break
                    }
                }
                #expect(sawPaused)
                #expect(vane.isRunning)

                vane.interrupt()
                var errors: [String] = []
                for await line in vane.stderr { errors.append(line) }
                #expect(errors.isEmpty, "\(errors)")
            }
            #expect(status == 0)
        }
    }

    @Test("kubectl finds kubectl-vane (a symlink to vane) on PATH and runs `kubectl vane get rollout`")
    func kubectlPlugin() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }

            let kubectl = try #require(Kubectl(kubeconfig: ops.kubeconfig), "kubectl is not installed")
            let vane = try #require(VaneBinary.path)
            let bin = ops.directory.appending(path: "bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: bin.appending(path: "kubectl-vane").path,
                withDestinationPath: vane
            )
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin")
            environment["KUBECONFIG"] = ops.kubeconfig
            environment["HOME"] = ops.directory.path

            let plugins = try await VaneBinary.run(
                ["plugin", "list"],
                executable: kubectl.executable,
                environment: environment
            )
            #expect(plugins.lines.contains { $0.hasSuffix("/kubectl-vane") }, "\(plugins.lines) \(plugins.errors)")

            let result = try await VaneBinary.run(
                ["vane", "get", "rollout", "demo"],
                executable: kubectl.executable,
                environment: environment
            )
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.lines.first == "Name:            demo")
            #expect(result.lines.contains("Status:          Healthy"))
            #expect(result.lines.contains { $0.hasPrefix("NAME") && $0.hasSuffix("INFO") })

            let missing = try await VaneBinary.run(
                ["vane", "get", "rollout", "nope"],
                executable: kubectl.executable,
                environment: environment
            )
            #expect(missing.status == 1)
            #expect(missing.errors == ["Error: rollout nope not found in namespace default"])
        }
    }
}
