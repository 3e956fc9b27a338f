import ArgumentParser
import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Logging
import RolloutController
import ServiceLifecycle
import UnixSignals

/// `vane demo`: the guided tour. An embedded cluster, two controller replicas with leader election,
/// a canary Rollout, an image change, the rollout's progress live, and a summary. Exits 0 when the
/// Rollout is Healthy on the new image.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Watch Vane roll out a new version on an embedded cluster (no real cluster needed).",
        discussion: """
            Example:
              vane demo --replicas 5
            """
    )

    @Option(help: "Replicas of the demo Rollout.")
    var replicas = 5

    @Option(name: .customLong("step-pause"), help: "Length of each timed pause step.")
    var stepPause = KubeDuration(.seconds(5))

    @Option(name: .customLong("pod-ready-delay"), help: "How long simulated Pods take to become Ready.")
    var podReadyDelay = KubeDuration(.milliseconds(500))

    func validate() throws {
        guard (1...100).contains(replicas) else {
            throw ValidationError("--replicas must be between 1 and 100, got \(replicas)")
        }
    }

    func run() async throws {
        let quiet = Logger(label: "vane.demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let controllers = ["demo-controller-0", "demo-controller-1"]
        let tokens = Dictionary(uniqueKeysWithValues: controllers.map { ("token-\($0)-\(UUID().uuidString)", $0) })
        let cluster = EmbeddedCluster(
            configuration: EmbeddedClusterConfiguration(
                tokens: tokens,
                simulators: SimulatorConfiguration(podReadyDelay: podReadyDelay.duration)
            )
        )
        // The cluster runs in its own group so its URL is known before the controllers start, and
        // so it stops after them.
        let clusterGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: cluster)],
                gracefulShutdownSignals: [],
                logger: quiet
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await clusterGroup.run() }
            let server = await cluster.serverURL()
            var managers: [ServiceGroupConfiguration.ServiceConfiguration] = []
            for (token, identity) in tokens.sorted(by: { $0.value < $1.value }) {
                let configuration = RolloutControllerConfiguration(
                    client: ClientConfiguration(
                        server: server,
                        credentials: .token(token),
                        requestTimeout: .seconds(5)
                    ),
                    workers: 4,
                    leaderElection: LeaderElectionConfiguration(
                        identity: identity,
                        leaseDuration: .seconds(4),
                        renewDeadline: .seconds(3),
                        retryPeriod: .milliseconds(500)
                    )
                )
                do {
                    managers.append(
                        .init(service: try RolloutControllerManager(configuration: configuration, logger: quiet))
                    )
                } catch {
                    await clusterGroup.triggerGracefulShutdown()
                    throw CLIFailure("\(error)")
                }
            }
            let controllerGroup = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: managers,
                    gracefulShutdownSignals: [.sigint, .sigterm],
                    logger: quiet
                )
            )
            let controllers = Task { try await controllerGroup.run() }
            var failure: (any Error)?
            do {
                try await tour(cluster: cluster, server: server)
            } catch {
                failure = error
            }
            await controllerGroup.triggerGracefulShutdown()
            _ = await controllers.result
            await clusterGroup.triggerGracefulShutdown()
            try await tasks.waitForAll()
            if let failure { throw failure }
        }
    }

    private func tour(cluster: EmbeddedCluster, server: String) async throws {
        let started = ContinuousClock.now
        let admin = ClientConfiguration(server: server, credentials: .token(cluster.configuration.adminToken))
        try await withKubeClient(admin) { client in
            Console.line("Embedded cluster at \(server) with a simulated ReplicaSet controller and kubelet.")
            Console.line(
                "Two controller replicas (demo-controller-0, demo-controller-1) elect a leader through a Lease."
            )
            let pause = RolloutPause(duration: .string("\(Int(stepPause.duration.inSeconds.rounded(.up)))s"))
            let steps = [
                CanaryStep(setWeight: 20), CanaryStep(pause: pause), CanaryStep(setWeight: 60),
                CanaryStep(pause: pause),
            ]
            let labels = ["app": "rollouts-demo"]
            let rollout = Rollout(
                metadata: ObjectMeta(name: "rollouts-demo", namespace: "default"),
                spec: RolloutSpec(
                    replicas: Int32(replicas),
                    selector: LabelSelector(matchLabels: labels),
                    template: PodTemplateSpec(
                        metadata: ObjectMeta(labels: labels),
                        spec: PodSpec(containers: [
                            Container(name: "rollouts-demo", image: "argoproj/rollouts-demo:blue")
                        ])
                    ),
                    strategy: RolloutStrategy(canary: CanaryStrategy(steps: steps))
                )
            )
            Console.line(
                "\nApplying Rollout rollouts-demo (\(replicas) replicas, image argoproj/rollouts-demo:blue, steps: setWeight 20 → pause \(stepPause) → setWeight 60 → pause \(stepPause))"
            )
            _ = try await client.create(rollout)
            _ = try await follow(client, until: "argoproj/rollouts-demo:blue", started: started)

            Console.line("\nChanging the image to argoproj/rollouts-demo:yellow")
            var current = try await client.get(Rollout.self, name: "rollouts-demo", namespace: "default")
            current.spec.template?.spec?.containers[0].image = "argoproj/rollouts-demo:yellow"
            _ = try await client.update(current)
            let final = try await follow(client, until: "argoproj/rollouts-demo:yellow", started: started)

            let lease = try await client.get(Lease.self, name: "vane-controller-lock", namespace: "default")
            let writes = await cluster.store.auditLog.filter {
                $0.identity.hasPrefix("demo-controller") && !$0.resource.hasPrefix("leases")
                    && !$0.resource.hasPrefix("events")
            }
            let elapsed = ContinuousClock.now - started
            Console.line(
                """

                Done: rollouts-demo is \(final.status?.phase ?? "?") on argoproj/rollouts-demo:yellow.
                  time taken:      \(String(format: "%.1f", elapsed.inSeconds)) s
                  leader:          \(lease.spec?.holderIdentity ?? "?") (lease transitions: \(lease.spec?.leaseTransitions ?? 0))
                  controller writes: \(writes.count), all by \(Set(writes.map(\.identity)).sorted().joined(separator: ", "))
                """
            )
        }
    }

    /// Prints a line for every change until the Rollout is Healthy on `image`.
    private func follow(
        _ client: KubeClient,
        until image: String,
        started: ContinuousClock.Instant
    ) async throws -> Rollout {
        var rollout = try await client.get(Rollout.self, name: "rollouts-demo", namespace: "default")
        var last = ""
        let updates = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await _ in try await client.watch(Rollout.self, namespace: "default") {
                    updates.continuation.yield()
                }
            }
            group.addTask {
                for try await _ in try await client.watch(ReplicaSet.self, namespace: "default") {
                    updates.continuation.yield()
                }
            }
            defer { group.cancelAll() }
            for await _ in updates.stream {
                rollout = try await client.get(Rollout.self, name: "rollouts-demo", namespace: "default")
                let replicaSets = try await client.list(ReplicaSet.self, namespace: "default").items
                let line = RolloutSummary.line(rollout, replicaSets: replicaSets)
                if line != last {
                    let elapsed = ContinuousClock.now - started
                    Console.line(String(format: "[%5.1fs] ", elapsed.inSeconds) + line)
                    last = line
                }
                let generationSeen =
                    rollout.status?.observedGeneration == rollout.metadata.generation.map { String($0) }
                if generationSeen, rollout.status?.phase == RolloutStatus.Phase.healthy,
                    rollout.spec.template?.spec?.containers.first?.image == image
                {
                    return rollout
                }
            }
            throw CLIFailure("the demo's watch ended before the rollout finished")
        }
    }
}
