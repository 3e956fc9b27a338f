import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import RolloutController
import Synchronization
import Testing

/// The rest of what the controller does, against the embedded cluster with two replicas: surviving
/// the leader's death, Services, restarts, the scale subresource through kubectl, adoption, and
/// instance-id sharding.
@Suite("Rollout features end to end", .timeLimit(.minutes(2)))
struct RolloutFeatureEndToEndTests {
    static let configuration = RolloutEndToEndTests.clusterConfiguration

    @Test("killing the leader mid-rollout does not disturb it: the follower takes over and finishes, never over budget")
    func leaderKilledMidRollout() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { fleet in
                    let steps = [
                        CanaryStep(setWeight: 30), CanaryStep(pause: RolloutPause()), CanaryStep(setWeight: 60),
                        CanaryStep(pause: RolloutPause()),
                    ]
                    _ = try await client.create(RolloutEndToEndTests.rollout(image: "demo:v1", steps: steps))
                    _ = try await RolloutWatch.until(client, "first rollout Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    let violations = Mutex<[String]>([])
                    let monitor = Task {
                        var sizes: [String: (spec: Int, available: Int)] = [:]
                        for try await update in try await client.watch(ReplicaSet.self, namespace: "default") {
                            guard let rs = update.object else { continue }
                            if case .deleted = update {
                                sizes[rs.metadata.name ?? ""] = nil
                            } else {
                                sizes[rs.metadata.name ?? ""] = (
                                    Int(rs.spec.replicas ?? 0), Int(rs.status?.availableReplicas ?? 0)
                                )
                            }
                            let total = sizes.values.reduce(0) { $0 + $1.spec }
                            let available = sizes.values.reduce(0) { $0 + min($1.available, $1.spec) }
                            if total > 13 || available < 8 {
                                violations.withLock { $0.append("total \(total), available \(available)") }
                            }
                        }
                    }
                    try await RolloutWatch.setImage(client, "demo:v2")
                    _ = try await RolloutWatch.until(client, "first pause") {
                        $0.status?.currentStepIndex == 1 && $0.status?.phase == "Paused"
                    }

                    guard let leader = await fleet.leader() else { throw CancellationError() }
                    await fleet.crash(leader)
                    guard let follower = await fleet.leader(excluding: leader) else { throw CancellationError() }
                    #expect(follower !== leader)
                    _ = try await client.patch(
                        Rollout.resource,
                        name: "demo",
                        namespace: "default",
                        patch: ["status": ["pauseConditions": .null]],
                        type: .merge,
                        subresource: .status
                    )
                    _ = try await RolloutWatch.until(client, "second pause") {
                        $0.status?.currentStepIndex == 3 && $0.status?.phase == "Paused"
                    }
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
                    // The dead leader wrote nothing after the follower began leading.
                    let writes = await cluster.store.auditLog.filter {
                        $0.resource.hasPrefix("replicasets") && $0.identity.hasPrefix("candidate")
                    }
                    let firstOfFollower = writes.firstIndex { $0.identity == follower.identity } ?? writes.endIndex
                    #expect(writes[firstOfFollower...].allSatisfy { $0.identity == follower.identity })
                    #expect(writes.contains { $0.identity == follower.identity })
                }
            }
        }
    }

    @Test("the stable and canary Services select the right pod-template hash at every phase")
    func services() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { _ in
                    for name in ["demo-stable", "demo-canary"] {
                        _ = try await client.create(
                            KubeAPI.Service(
                                metadata: ObjectMeta(name: name, namespace: "default"),
                                spec: ServiceSpec(selector: ["app": "demo"], ports: [ServicePort(port: 80)])
                            )
                        )
                    }
                    var rollout = RolloutEndToEndTests.rollout(
                        image: "demo:v1",
                        replicas: 4,
                        steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())]
                    )
                    rollout.spec.strategy?.canary?.stableService = "demo-stable"
                    rollout.spec.strategy?.canary?.canaryService = "demo-canary"
                    _ = try await client.create(rollout)
                    let first = try await RolloutWatch.until(client, "Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    func selector(_ name: String) async throws -> String? {
                        try await client.get(KubeAPI.Service.self, name: name, namespace: "default").spec.selector?[
                            ArgoLabels.podTemplateHash
                        ]
                    }
                    // The selector lands right after the ReplicaSet is available; wait for the Service.
                    try await waitForService(client, "demo-canary", hash: first.status?.stableRS)
                    #expect(try await selector("demo-stable") == first.status?.stableRS)

                    try await RolloutWatch.setImage(client, "demo:v2")
                    let paused = try await RolloutWatch.until(client, "paused") { $0.status?.phase == "Paused" }
                    try await waitForService(client, "demo-canary", hash: paused.status?.currentPodHash)
                    #expect(try await selector("demo-stable") == first.status?.stableRS)
                    let annotations = try await client.get(
                        KubeAPI.Service.self,
                        name: "demo-canary",
                        namespace: "default"
                    ).metadata.annotations
                    #expect(annotations?["argo-rollouts.argoproj.io/managed-by-rollouts"] == "demo")

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
                    try await waitForService(client, "demo-stable", hash: done.status?.stableRS)
                    let v1 = first.status?.stableRS ?? ""
                    let v2 = done.status?.stableRS ?? ""
                    let events = try await RolloutWatch.events(client, reason: "SwitchService", atLeast: 4)
                    #expect(
                        Set(events.compactMap(\.message)) == [
                            "Switched selector for service 'demo-stable' from '' to '\(v1)'",
                            "Switched selector for service 'demo-canary' from '' to '\(v1)'",
                            "Switched selector for service 'demo-canary' from '\(v1)' to '\(v2)'",
                            "Switched selector for service 'demo-stable' from '\(v1)' to '\(v2)'",
                        ]
                    )
                }
            }
        }
    }

    func waitForService(_ client: KubeClient, _ name: String, hash: String?) async throws {
        for try await update in try await client.watch(
            KubeAPI.Service.self,
            namespace: "default",
            fieldSelector: "metadata.name=\(name)"
        ) {
            if update.object?.spec.selector?[ArgoLabels.podTemplateHash] == hash { return }
        }
    }

    @Test("restartAt replaces every pod, a few at a time, and records restartedAt")
    func restart() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster) { _ in
                    _ = try await client.create(
                        RolloutEndToEndTests.rollout(image: "demo:v1", replicas: 4, steps: [CanaryStep(setWeight: 50)])
                    )
                    _ = try await RolloutWatch.until(client, "Healthy") { RolloutWatch.isHealthy($0, image: "demo:v1") }
                    let before = Set(
                        try await client.list(Pod.self, namespace: "default").items.compactMap(\.metadata.uid)
                    )
                    #expect(before.count == 4)
                    let restartAt = KubeTime(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.up)))
                    _ = try await client.patch(
                        Rollout.resource,
                        name: "demo",
                        namespace: "default",
                        patch: ["spec": ["restartAt": .string(restartAt.description)]],
                        type: .merge
                    )
                    let restarted = try await RolloutWatch.until(client, "restarted") {
                        $0.status?.restartedAt == restartAt && $0.status?.phase == "Healthy"
                    }
                    #expect(restarted.status?.restartedAt == restartAt)
                    let after = try await client.list(Pod.self, namespace: "default").items.filter {
                        $0.metadata.deletionTimestamp == nil
                    }
                    #expect(after.count == 4)
                    #expect(Set(after.compactMap(\.metadata.uid)).isDisjoint(with: before))
                }
            }
        }
    }

    @Test("kubectl scale drives spec.replicas through the scale subresource, and the stable ReplicaSet follows")
    func kubectlScale() async throws {
        // kubectl sends bearer tokens only over TLS; over plain HTTP it comes in anonymously.
        var configuration = Self.configuration
        configuration.allowsAnonymous = true
        try await withEmbeddedCluster(configuration) { cluster in
            try await cluster.withKubeconfigFile { kubeconfig in
                let kubectl = try #require(Kubectl(kubeconfig: kubeconfig), "kubectl is not installed")
                try await withKubeClient(try await cluster.clientConfiguration()) { client in
                    try await ControllerFleet.with(cluster) { _ in
                        _ = try await client.create(
                            RolloutEndToEndTests.rollout(
                                image: "demo:v1",
                                replicas: 3,
                                steps: [CanaryStep(setWeight: 50)]
                            )
                        )
                        _ = try await RolloutWatch.until(client, "Healthy") {
                            RolloutWatch.isHealthy($0, image: "demo:v1")
                        }
                        let scaled = try await kubectl.run(["scale", "rollout", "demo", "--replicas=6"])
                        try #require(scaled.status == 0, "\(scaled.stderr)")
                        let done = try await RolloutWatch.until(client, "Healthy at 6") {
                            $0.status?.phase == "Healthy" && $0.status?.availableReplicas == 6
                        }
                        #expect(done.spec.replicas == 6)
                        #expect(done.status?.HPAReplicas == 6)
                        #expect(done.status?.selector == "app=demo")
                        let stable = try await client.get(
                            ReplicaSet.self,
                            name: "demo-\(done.status?.stableRS ?? "")",
                            namespace: "default"
                        )
                        #expect(stable.spec.replicas == 6)
                        let shown = try await kubectl.run([
                            "get", "rollout", "demo", "-o", "jsonpath={.status.HPAReplicas}",
                        ])
                        #expect(shown.stdout == "6")
                    }
                }
            }
        }
    }

    @Test("a ReplicaSet left without owner (as after migrating from the incumbent) is adopted, not duplicated")
    func adoption() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                let rollout = RolloutEndToEndTests.rollout(
                    image: "demo:v1",
                    replicas: 3,
                    steps: [CanaryStep(setWeight: 50)]
                )
                var template = try #require(rollout.spec.template)
                template.metadata?.labels?[ArgoLabels.podTemplateHash] = "7b9c4d5f6"
                let orphan = ReplicaSet(
                    metadata: ObjectMeta(
                        name: "demo-7b9c4d5f6",
                        namespace: "default",
                        labels: ["app": "demo", ArgoLabels.podTemplateHash: "7b9c4d5f6"]
                    ),
                    spec: ReplicaSetSpec(
                        replicas: 3,
                        selector: LabelSelector(matchLabels: ["app": "demo", ArgoLabels.podTemplateHash: "7b9c4d5f6"]),
                        template: template
                    )
                )
                _ = try await client.create(orphan)
                try await ControllerFleet.with(cluster) { _ in
                    _ = try await client.create(rollout)
                    let healthy = try await RolloutWatch.until(client, "Healthy") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    #expect(healthy.status?.stableRS == "7b9c4d5f6")
                    let replicaSets = try await client.list(ReplicaSet.self, namespace: "default").items
                    #expect(replicaSets.count == 1)
                    #expect(replicaSets.first?.metadata.controllerReference?.uid == healthy.metadata.uid)
                }
            }
        }
    }

    @Test("with --instance-id a controller handles only Rollouts labelled with it")
    func instanceID() async throws {
        try await withEmbeddedCluster(Self.configuration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ControllerFleet.with(cluster, instanceID: "blue") { _ in
                    var mine = RolloutEndToEndTests.rollout(
                        image: "demo:v1",
                        replicas: 2,
                        steps: [CanaryStep(setWeight: 50)]
                    )
                    mine.metadata.name = "mine"
                    mine.metadata.labels = ["argo-rollouts.argoproj.io/instance-id": "blue"]
                    var theirs = RolloutEndToEndTests.rollout(
                        image: "demo:v1",
                        replicas: 2,
                        steps: [CanaryStep(setWeight: 50)]
                    )
                    theirs.metadata.name = "theirs"
                    theirs.spec.selector = LabelSelector(matchLabels: ["app": "theirs"])
                    theirs.spec.template?.metadata?.labels = ["app": "theirs"]
                    _ = try await client.create(theirs)
                    _ = try await client.create(mine)
                    _ = try await RolloutWatch.until(client, "mine Healthy", name: "mine") {
                        RolloutWatch.isHealthy($0, image: "demo:v1")
                    }
                    let untouched = try await client.get(Rollout.self, name: "theirs", namespace: "default")
                    #expect(untouched.status == nil)
                    let owners = try await client.list(ReplicaSet.self, namespace: "default").items.compactMap {
                        $0.metadata.controllerReference?.name
                    }
                    #expect(owners == ["mine"])
                }
            }
        }
    }
}
