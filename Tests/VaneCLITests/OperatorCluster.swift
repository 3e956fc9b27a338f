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

@testable import VaneCLI

/// An embedded cluster with Vane's controller running and a kubeconfig on disk: what the tests
/// that drive the built `vane` binary need.
struct OperatorCluster {
    let cluster: EmbeddedCluster
    let client: KubeClient
    let kubeconfig: String
    let directory: URL

    /// Runs `vane ARGS --kubeconfig …` to completion.
    func vane(_ arguments: [String]) async throws -> VaneBinary.Finished {
        try await VaneBinary.run(arguments + ["--kubeconfig", kubeconfig])
    }

    /// The canary used throughout: 4 replicas, `setWeight 50` then a pause until promoted.
    static func rollout(image: String, name: String = "demo", namespace: String = "default") -> Rollout {
        let labels = ["app": name]
        return Rollout(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: RolloutSpec(
                replicas: 4,
                selector: LabelSelector(matchLabels: labels),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: labels),
                    spec: PodSpec(containers: [Container(name: "app", image: image)])
                ),
                strategy: RolloutStrategy(
                    canary: CanaryStrategy(steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())])
                )
            )
        )
    }

    /// Waits (on watches, not by polling) until the Rollout and everything under it have settled —
    /// the controller has seen the latest spec, every ReplicaSet has exactly its desired Pods, each
    /// started by the kubelet, and the Rollout's counts add up — and `condition` holds. Returns
    /// that snapshot; fails with the last view seen after `timeout`.
    @discardableResult
    func settle(
        _ name: String = "demo",
        namespace: String = "default",
        timeout: Duration = .seconds(60),
        until condition: @escaping @Sendable (RolloutObjects) -> Bool
    ) async throws -> RolloutObjects {
        let rollout = try await client.get(Rollout.self, name: name, namespace: namespace)
        let watch = RolloutWatch(
            client: client,
            name: name,
            namespace: namespace,
            selector: RolloutObjects.selector(of: rollout)
        )
        let last = LastSeen()
        return try await withThrowingTaskGroup(of: RolloutObjects?.self) { group in
            group.addTask {
                var settled: RolloutObjects?
                try await watch.run { objects in
                    last.objects = objects
                    if Self.isSettled(objects) && condition(objects) { settled = objects }
                    return settled == nil
                }
                return settled
            }
            group.addTask {
                try await ContinuousClock().sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else {
                let view = last.objects.map { $0.render(now: Date(), style: .plain) } ?? "nothing seen"
                throw SettleTimeout(description: "rollout \(name) did not settle within \(timeout):\n\(view)")
            }
            return first
        }
    }

    static func isSettled(_ objects: RolloutObjects) -> Bool {
        let rollout = objects.rollout
        let status = rollout.status ?? RolloutStatus()
        guard status.observedGeneration == rollout.metadata.generation.map({ String($0) }) else { return false }
        let owned = objects.replicaSets.filter { $0.metadata.controllerReference?.uid == rollout.metadata.uid }
        var replicas = 0
        var ready = 0
        var available = 0
        for rs in owned {
            let desired = Int(rs.spec.replicas ?? 1)
            let pods = objects.pods.filter { $0.metadata.controllerReference?.uid == rs.metadata.uid }
            guard Int(rs.status?.replicas ?? 0) == desired, pods.count == desired,
                (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0),
                pods.allSatisfy({ $0.status?.phase == "Running" && $0.metadata.deletionTimestamp == nil })
            else { return false }
            replicas += desired
            ready += Int(rs.status?.readyReplicas ?? 0)
            available += Int(rs.status?.availableReplicas ?? 0)
        }
        return Int(status.replicas ?? 0) == replicas && Int(status.readyReplicas ?? 0) == ready
            && Int(status.availableReplicas ?? 0) == available
    }

    struct SettleTimeout: Error, CustomStringConvertible {
        var description: String
    }

    /// The last snapshot a wait saw, for its failure message.
    private final class LastSeen: @unchecked Sendable {
        private let lock = NSLock()
        private var value: RolloutObjects?
        var objects: RolloutObjects? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }
}

/// Runs `body` with an embedded cluster (simulated ReplicaSet controller and kubelet) and Vane's
/// controller, both stopped gracefully afterwards.
func withOperatorCluster(
    podReadyDelay: Duration = .milliseconds(20),
    badImagePattern: String? = nil,
    _ body: (OperatorCluster) async throws -> Void
) async throws {
    let simulators = SimulatorConfiguration(podReadyDelay: podReadyDelay, badImagePattern: badImagePattern)
    let configuration = EmbeddedClusterConfiguration(simulators: simulators)
    try await withEmbeddedCluster(configuration) { cluster in
        try await withTemporaryDirectory("vane-ops") { directory in
            let kubeconfig = directory.appending(path: "kubeconfig").path
            try await cluster.writeKubeconfig(to: kubeconfig)
            let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let manager = try RolloutControllerManager(
                configuration: RolloutControllerConfiguration(
                    client: try await cluster.clientConfiguration(),
                    leaderElection: nil
                ),
                logger: quiet
            )
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: manager)],
                    gracefulShutdownSignals: [],
                    logger: quiet
                )
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                do {
                    try await withKubeClient(try await cluster.clientConfiguration()) { client in
                        try await body(
                            OperatorCluster(
                                cluster: cluster,
                                client: client,
                                kubeconfig: kubeconfig,
                                directory: directory
                            )
                        )
                    }
                } catch {
                    await group.triggerGracefulShutdown()
                    try? await tasks.waitForAll()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
