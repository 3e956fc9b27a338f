import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Logging
import RolloutController
import ServiceLifecycle
import Testing

/// The operator commands, run as the built binary against the embedded cluster with a controller.
@Suite("Operator commands", .timeLimit(.minutes(2)))
struct OperatorCommandTests {
    /// Runs `vane ARGS` to completion; returns exit status and the output lines.
    func vane(_ arguments: [String]) async throws -> (status: Int32, lines: [String]) {
        let (process, stream) = try VaneBinary.start(arguments)
        var lines: [String] = []
        for await line in stream { lines.append(line) }
        return (await Kubectl.exitStatus(of: process), lines)
    }

    func withController(_ body: (EmbeddedCluster, KubeClient, String) async throws -> Void) async throws {
        let configuration = EmbeddedClusterConfiguration(simulators: SimulatorConfiguration(podReadyDelay: .milliseconds(20)))
        try await withEmbeddedCluster(configuration) { cluster in
            let directory = FileManager.default.temporaryDirectory.appending(path: "vane-ops-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let kubeconfig = directory.appending(path: "kubeconfig").path
            try await cluster.writeKubeconfig(to: kubeconfig)
            let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let manager = try RolloutControllerManager(
                configuration: RolloutControllerConfiguration(client: try await cluster.clientConfiguration(), leaderElection: nil), logger: quiet
            )
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: manager)], gracefulShutdownSignals: [], logger: quiet))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await withKubeClient(try await cluster.clientConfiguration()) { client in
                    try await body(cluster, client, kubeconfig)
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    static func rollout(image: String) -> Rollout {
        let labels = ["app": "demo"]
        return Rollout(metadata: ObjectMeta(name: "demo", namespace: "default"), spec: RolloutSpec(
            replicas: 4, selector: LabelSelector(matchLabels: labels),
            template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: PodSpec(containers: [Container(name: "app", image: image)])),
            strategy: RolloutStrategy(canary: CanaryStrategy(steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())]))
        ))
    }

    @Test("status --watch, promote, abort and retry change the objects as spec/rollout.md says and exit as CI expects")
    func operatorActions() async throws {
        try await withController { _, client, kubeconfig in
            _ = try await client.create(Self.rollout(image: "demo:v1"))
            let healthy = try await vane(["status", "demo", "--watch", "--timeout", "60s", "--kubeconfig", kubeconfig])
            #expect(healthy.status == 0)
            #expect(healthy.lines.last == "Healthy")

            var rollout = try await client.get(Rollout.self, name: "demo", namespace: "default")
            rollout.spec.template?.spec?.containers[0].image = "demo:v2"
            _ = try await client.update(rollout)
            let paused = try await vane(["status", "demo", "--watch", "--kubeconfig", kubeconfig])
            #expect(paused.status == 0)
            #expect(paused.lines.last == "note: rollout demo is paused (CanaryPauseStep); promote it to continue")

            let abort = try await vane(["abort", "demo", "--kubeconfig", kubeconfig])
            #expect(abort.lines == ["rollout 'demo' aborted"])
            let degraded = try await vane(["status", "demo", "--watch", "--kubeconfig", kubeconfig])
            #expect(degraded.status == 1)

            #expect(try await vane(["retry", "rollout", "demo", "--kubeconfig", kubeconfig]).lines == ["rollout 'demo' retried"])
            let pausedAgain = try await vane(["status", "demo", "--watch", "--kubeconfig", kubeconfig])
            #expect(pausedAgain.status == 0)
            #expect(pausedAgain.lines.last?.hasPrefix("note: rollout demo is paused") == true)

            #expect(try await vane(["promote", "demo", "--kubeconfig", kubeconfig]).lines == ["rollout 'demo' promoted"])
            let done = try await vane(["status", "demo", "--watch", "--timeout", "60s", "--kubeconfig", kubeconfig])
            #expect(done.status == 0)
            #expect(done.lines.last == "Healthy")
            let final = try await client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(final.spec.template?.spec?.containers.first?.image == "demo:v2")
            #expect(final.status?.stableRS == final.status?.currentPodHash)

            let missing = try await vane(["promote", "nope", "--kubeconfig", kubeconfig])
            #expect(missing.status == 1)
        }
    }

    @Test("lint reports every problem with its field path and exits 1; a valid manifest exits 0")
    func lint() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let invalid = directory.appending(path: "invalid.yaml").path
        try """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: broken}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: b}}
                spec: {containers: [{name: c, image: i}]}
              strategy:
                canary:
                  maxSurge: 0
                  maxUnavailable: 0
                  steps: [{setWeight: 150}, {pause: {duration: soon}}]
            """.write(toFile: invalid, atomically: true, encoding: .utf8)
        let result = try await vane(["lint", "-f", invalid])
        #expect(result.status == 1)
        #expect(result.lines == [
            "\(invalid): rollout broken: spec.selector: selector does not match template labels",
            "\(invalid): rollout broken: spec.strategy.canary.maxUnavailable: maxSurge and maxUnavailable cannot both be 0",
            "\(invalid): rollout broken: spec.strategy.canary.steps[0].setWeight: must be between 0 and 100, got 150",
            "\(invalid): rollout broken: spec.strategy.canary.steps[1].pause.duration: invalid duration \"soon\": use a number of seconds or a duration like 30s, 5m, 1h",
        ])
        let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let valid = try await vane(["lint", "-f", repository.appending(path: "docs/examples/rollout.yaml").path])
        #expect(valid.status == 0)
        #expect(valid.lines.last?.hasSuffix("1 rollout valid") == true)
    }
}
