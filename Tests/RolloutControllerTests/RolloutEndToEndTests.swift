import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Logging
import RolloutController
import ServiceLifecycle
import Synchronization
import Testing

/// Two controller replicas with leader election against the embedded cluster and its simulated
/// ReplicaSet controller and kubelet.
@Suite("Rollouts end to end", .timeLimit(.minutes(2)))
struct RolloutEndToEndTests {
    static let clusterConfiguration = EmbeddedClusterConfiguration(
        tokens: ElectionHarness.tokens(count: 2),
        simulators: SimulatorConfiguration(podReadyDelay: .milliseconds(50), badImagePattern: ":bad$")
    )

    static func rollout(
        image: String,
        replicas: Int32 = 10,
        steps: [CanaryStep],
        progressDeadline: Int32? = nil
    ) -> Rollout {
        let labels = ["app": "demo"]
        var spec = RolloutSpec(
            replicas: replicas,
            selector: LabelSelector(matchLabels: labels),
            template: PodTemplateSpec(
                metadata: ObjectMeta(labels: labels),
                spec: PodSpec(containers: [Container(name: "app", image: image)])
            ),
            strategy: RolloutStrategy(canary: CanaryStrategy(steps: steps))
        )
        spec.progressDeadlineSeconds = progressDeadline
        spec.progressDeadlineAbort = progressDeadline != nil ? true : nil
        return Rollout(metadata: ObjectMeta(name: "demo", namespace: "default"), spec: spec)
    }

    @Test(
        "a 10-replica canary 20 → pause 2s → 50 → pause {} → 100 keeps its budgets at every observed state and ends Healthy"
    )
    func canaryWithTwoControllers() async throws {
        try await withEmbeddedCluster(Self.clusterConfiguration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { _ in
                    let steps = [
                        CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause(duration: .string("2s"))),
                        CanaryStep(setWeight: 50),
                        CanaryStep(pause: RolloutPause()), CanaryStep(setWeight: 100),
                    ]
                    _ = try await client.create(Self.rollout(image: "demo:v1", steps: steps))
                    _ = try await RolloutWatch.until(client, "first rollout Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }

                    // From here on, record every ReplicaSet state the API server holds.
                    let violations = Mutex<[String]>([])
                    let states = Mutex(0)
                    let monitor = Task {
                        var replicaSets: [String: (spec: Int, available: Int)] = [:]
                        for try await update in try await client.watch(ReplicaSet.self, namespace: "default") {
                            switch update {
                            case .added(let rs), .modified(let rs):
                                replicaSets[rs.metadata.name ?? ""] = (
                                    Int(rs.spec.replicas ?? 0), Int(rs.status?.availableReplicas ?? 0)
                                )
                            case .deleted(let rs): replicaSets[rs.metadata.name ?? ""] = nil
                            case .bookmark: continue
                            }
                            let total = replicaSets.values.reduce(0) { $0 + $1.spec }
                            let available = replicaSets.values.reduce(0) { $0 + min($1.available, $1.spec) }
                            states.withLock { $0 += 1 }
                            if total > 13 || available < 8 {
                                violations.withLock { $0.append("total \(total), available \(available)") }
                            }
                        }
                    }
                    var rollout = try await client.get(Rollout.self, name: "demo", namespace: "default")
                    rollout.spec.template?.spec?.containers[0].image = "demo:v2"
                    _ = try await client.update(rollout)

                    let paused = try await RolloutWatch.until(client, "manual pause") {
                        $0.status?.currentStepIndex == 3 && $0.status?.phase == "Paused"
                    }
                    #expect(paused.status?.message == "CanaryPauseStep")
                    // promote, as the incumbent's CLI writes it
                    _ = try await client.patch(
                        Rollout.resource,
                        name: "demo",
                        namespace: "default",
                        patch: ["status": ["pauseConditions": .null]],
                        type: .merge,
                        subresource: .status
                    )
                    let done = try await RolloutWatch.until(client, "Healthy on v2") {
                        RolloutWatch.isHealthy($0, image: "demo:v2")
                    }
                    monitor.cancel()
                    #expect(done.status?.stableRS == done.status?.currentPodHash)
                    #expect(violations.withLock { $0 }.isEmpty, "\(violations.withLock { $0 })")
                    #expect(states.withLock { $0 } > 10)

                    let replicaSets = try await client.list(ReplicaSet.self, namespace: "default").items
                    #expect(replicaSets.map { Int($0.spec.replicas ?? 0) }.sorted() == [0, 10])
                    // The initial deploy and the update both complete; each pause step pauses.
                    let completed = try await RolloutWatch.events(client, reason: "RolloutCompleted", atLeast: 2)
                    #expect(completed.contains { $0.message?.hasSuffix("Completed all 5 canary steps") == true })
                    let pauseEvents = try await RolloutWatch.events(client, reason: "RolloutPaused", atLeast: 1)
                    #expect(pauseEvents.allSatisfy { $0.message == "Rollout is paused (CanaryPauseStep)" })
                    // Only the leader wrote.
                    let writers = Set(
                        await cluster.store.auditLog.filter {
                            $0.resource.hasPrefix("replicasets") && $0.identity.hasPrefix("candidate")
                        }.map(\.identity)
                    )
                    #expect(writers.count == 1)
                }
            }
        }
    }

    @Test("abort mid-way restores the stable ReplicaSet to full size")
    func abort() async throws {
        try await withEmbeddedCluster(Self.clusterConfiguration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { _ in
                    _ = try await client.create(
                        Self.rollout(
                            image: "demo:v1",
                            replicas: 4,
                            steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())]
                        )
                    )
                    _ = try await RolloutWatch.until(client, "first rollout Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    var rollout = try await client.get(Rollout.self, name: "demo", namespace: "default")
                    rollout.spec.template?.spec?.containers[0].image = "demo:v2"
                    _ = try await client.update(rollout)
                    _ = try await RolloutWatch.until(client, "paused at 50 %") { $0.status?.phase == "Paused" }
                    _ = try await client.patch(
                        Rollout.resource,
                        name: "demo",
                        namespace: "default",
                        patch: ["status": ["abort": true]],
                        type: .merge,
                        subresource: .status
                    )
                    let aborted = try await RolloutWatch.until(client, "aborted") {
                        $0.status?.phase == "Degraded" && $0.status?.updatedReplicas == 0
                    }
                    #expect(
                        aborted.status?.message?.hasPrefix("RolloutAborted: Rollout aborted update to revision 2")
                            == true
                    )
                    let stable = try await client.get(
                        ReplicaSet.self,
                        name: "demo-\(aborted.status?.stableRS ?? "")",
                        namespace: "default"
                    )
                    #expect(stable.spec.replicas == 4)
                }
            }
        }
    }

    @Test("a bad image never becomes available, hits the progress deadline and aborts")
    func badImageHitsDeadline() async throws {
        try await withEmbeddedCluster(Self.clusterConfiguration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { _ in
                    _ = try await client.create(
                        Self.rollout(
                            image: "demo:v1",
                            replicas: 3,
                            steps: [CanaryStep(setWeight: 50)],
                            progressDeadline: 2
                        )
                    )
                    _ = try await RolloutWatch.until(client, "first rollout Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    var rollout = try await client.get(Rollout.self, name: "demo", namespace: "default")
                    rollout.spec.template?.spec?.containers[0].image = "demo:bad"
                    _ = try await client.update(rollout)
                    let aborted = try await RolloutWatch.until(client, "deadline abort") {
                        $0.status?.abort == true && $0.status?.phase == "Degraded"
                    }
                    #expect(
                        aborted.status?.conditions?.contains {
                            $0.reason == "RolloutAborted" || $0.reason == "ProgressDeadlineExceeded"
                        } == true
                    )
                }
            }
        }
    }
}

@Suite("Rollouts when a dependency fails", .timeLimit(.minutes(2)))
struct DependencyFailureTests {
    @Test(
        "a broken conversion webhook is named in a condition and an event, replica counts hold, and the rollout resumes by itself"
    )
    func brokenWebhook() async throws {
        try await withEmbeddedCluster(RolloutEndToEndTests.clusterConfiguration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { _ in
                    _ = try await client.create(
                        RolloutEndToEndTests.rollout(
                            image: "demo:v1",
                            replicas: 4,
                            steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())]
                        )
                    )
                    let healthy = try await RolloutWatch.until(client, "first rollout Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    let stableName = "demo-\(healthy.status?.stableRS ?? "")"

                    let webhookFailure =
                        #"Internal error occurred: conversion webhook for apps/v1, Kind=ReplicaSet failed: Post "https://rs-converter.kube-system.svc:443/convert?timeout=30s": x509: certificate has expired or is not yet valid"#
                    let fault = await cluster.faults.install(
                        FaultRule(
                            verbs: ["patch"],
                            resource: "replicasets",
                            action: .error(code: 500, message: webhookFailure)
                        )
                    )
                    var rollout = try await client.get(Rollout.self, name: "demo", namespace: "default")
                    rollout.spec.template?.spec?.containers[0].image = "demo:v2"
                    _ = try await client.update(rollout)

                    let blocked = try await RolloutWatch.until(client, "dependency condition") {
                        $0.status?.conditions?.contains { $0.reason == "DependencyFailed" } == true
                    }
                    let condition = try #require(blocked.status?.conditions?.first { $0.reason == "DependencyFailed" })
                    #expect(condition.type == "ReplicaFailure")
                    #expect(
                        condition.message?.contains(
                            "conversion webhook https://rs-converter.kube-system.svc:443/convert?timeout=30s"
                        ) == true,
                        "\(condition.message ?? "")"
                    )
                    #expect(condition.message?.contains("x509: certificate has expired") == true)
                    let events = try await client.list(Event.self, namespace: "default").items.filter {
                        $0.reason == "DependencyFailed"
                    }
                    #expect(events.count == 1)
                    #expect(events.first?.type == "Warning")
                    // Nothing drifted: the stable ReplicaSet is still at full size.
                    #expect(
                        try await client.get(ReplicaSet.self, name: stableName, namespace: "default").spec.replicas == 4
                    )

                    await cluster.faults.remove(fault)
                    let resumed = try await RolloutWatch.until(client, "resumed") {
                        $0.status?.phase == "Paused"
                            && $0.status?.conditions?.contains { $0.reason == "DependencyFailed" } == false
                    }
                    #expect(resumed.status?.currentStepIndex == 1)
                    #expect(
                        try await client.get(ReplicaSet.self, name: stableName, namespace: "default").spec.replicas == 2
                    )
                }
            }
        }
    }
}
