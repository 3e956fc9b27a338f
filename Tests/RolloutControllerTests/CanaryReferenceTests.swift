import Foundation
import KubeAPI
import RolloutController
import Testing

/// What the planner does to objects around the Rollout: Services, orphan and foreign ReplicaSets,
/// pods to restart, scaling by an HPA, and the revision history.
@Suite struct CanaryReferenceTests {
    static let steps = [CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause())]

    static func servedWorld() -> PlannerWorld {
        var world = PlannerWorld(steps: Self.steps)
        world.rollout.spec.strategy?.canary?.stableService = "demo-stable"
        world.rollout.spec.strategy?.canary?.canaryService = "demo-canary"
        world.addService("demo-stable")
        world.addService("demo-canary")
        return world
    }

    func selector(_ world: PlannerWorld, _ service: String) -> String? {
        world.services[service]?.spec.selector?["rollouts-pod-template-hash"]
    }

    @Test("stable and canary Services follow their ReplicaSets, and only once those have pods to serve")
    func serviceSelectors() async {
        var world = Self.servedWorld()
        await world.reconcile()
        // The first ReplicaSet has no available pod yet: the Services wait.
        #expect(selector(world, "demo-stable") == nil)
        await world.settle()
        let stable = world.status.stableRS
        #expect(selector(world, "demo-stable") == stable)
        #expect(selector(world, "demo-canary") == stable)
        #expect(
            world.services["demo-stable"]?.metadata.annotations?["argo-rollouts.argoproj.io/managed-by-rollouts"]
                == "demo"
        )
        #expect(
            world.events.contains(
                "SwitchService: Switched selector for service 'demo-stable' from '' to '\(stable ?? "")'"
            )
        )

        world.setImage("app:v2")
        await world.settle()
        let canary = world.status.currentPodHash
        #expect(selector(world, "demo-stable") == stable)
        #expect(selector(world, "demo-canary") == canary)

        world.rollout.status?.abort = true
        await world.settle()
        #expect(selector(world, "demo-canary") == stable)

        world.rollout.status?.abort = false
        await world.settle()
        world.promote()
        await world.settle()
        #expect(world.status.phase == "Healthy")
        #expect(selector(world, "demo-stable") == canary)
        #expect(selector(world, "demo-canary") == canary)
        #expect(await world.reconcile().isEmpty)
    }

    @Test(
        "a missing Service, one selecting other pods, or one another Rollout manages is an InvalidSpec naming the field"
    )
    func unusableServices() async {
        var missing = Self.servedWorld()
        missing.services["demo-canary"] = nil
        await missing.reconcile()
        #expect(
            missing.condition("InvalidSpec")?.message
                == "spec.strategy.canary.canaryService: service \"demo-canary\" not found"
        )
        #expect(missing.replicaSets.isEmpty)
        missing.addService("demo-canary")
        await missing.reconcile()
        #expect(missing.condition("InvalidSpec") == nil)
        #expect(missing.replicaSets.count == 1)

        var foreign = Self.servedWorld()
        foreign.addService("demo-stable", selector: ["app": "other"])
        foreign.addService(
            "demo-canary",
            annotations: ["argo-rollouts.argoproj.io/managed-by-rollouts": "someone-else"]
        )
        await foreign.reconcile()
        #expect(
            foreign.condition("InvalidSpec")?.message
                == "spec.strategy.canary.stableService: service \"demo-stable\" selects app=other, a label the pod template does not have; spec.strategy.canary.canaryService: service \"demo-canary\" is managed by another Rollout (someone-else)"
        )
        #expect(foreign.status.phase == "Degraded")
    }

    @Test("a ReplicaSet another controller made for the same template is adopted and used, not duplicated")
    func adoptsForeignReplicaSet() async throws {
        var world = PlannerWorld(steps: Self.steps)
        // As the incumbent left it: its own hash, server defaults in the template, no owner (orphaned on migration).
        let template = try KubeJSON.decode(
            PodTemplateSpec.self,
            from: [
                "metadata": ["labels": ["app": "demo", "rollouts-pod-template-hash": "6d4f9b8c7"]],
                "spec": [
                    "containers": [
                        [
                            "name": "app", "image": "app:v1", "imagePullPolicy": "IfNotPresent", "resources": [:],
                            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                        ]
                    ],
                    "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "terminationGracePeriodSeconds": 30,
                    "securityContext": [:], "schedulerName": "default-scheduler",
                ],
            ] as JSONValue
        )
        var metadata = ObjectMeta(
            name: "demo-6d4f9b8c7",
            namespace: "default",
            labels: ["app": "demo", "rollouts-pod-template-hash": "6d4f9b8c7"]
        )
        metadata.uid = "foreign"
        metadata.annotations = ["rollout.argoproj.io/revision": "4"]
        var foreign = ReplicaSet(
            metadata: metadata,
            spec: ReplicaSetSpec(
                replicas: 10,
                selector: LabelSelector(matchLabels: ["app": "demo", "rollouts-pod-template-hash": "6d4f9b8c7"]),
                template: template
            )
        )
        foreign.status = ReplicaSetStatus(replicas: 10, readyReplicas: 10, availableReplicas: 10)
        world.orphans = [foreign]
        world.rollout.status = RolloutStatus()
        world.rollout.status?.stableRS = "6d4f9b8c7"
        world.rollout.status?.currentPodHash = "6d4f9b8c7"

        let plan = await world.reconcile()
        #expect(plan.adopt == ["demo-6d4f9b8c7"])
        #expect(plan.createReplicaSet == nil)
        await world.settle()
        #expect(world.replicaSets.count == 1)
        #expect(world.status.currentPodHash == "6d4f9b8c7")
        #expect(world.status.stableRS == "6d4f9b8c7")
        #expect(world.status.phase == "Healthy")
        #expect(world.rollout.metadata.annotations?["rollout.argoproj.io/revision"] == "4")
    }

    @Test(
        "an owned ReplicaSet that no longer matches the selector is released; an orphan that does not match stays alone"
    )
    func releasesWhatNoLongerMatches() async {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        var stranger = world.replicaSets[0]
        stranger.metadata.name = "unrelated"
        stranger.metadata.uid = "unrelated"
        stranger.metadata.labels = ["app": "other"]
        stranger.metadata.ownerReferences = nil
        world.orphans = [stranger]
        world.replicaSets[0].metadata.labels?["app"] = "relabelled"
        let plan = await world.reconcile()
        #expect(plan.release == [world.orphans.first { $0.metadata.name != "unrelated" }?.metadata.name ?? "?"])
        #expect(plan.adopt.isEmpty)
    }

    @Test(
        "restartAt deletes old pods stable first, never more than maxUnavailable (at least one) at a time, then records restartedAt"
    )
    func restarts() async {
        var world = PlannerWorld(replicas: 4, steps: Self.steps, maxUnavailable: .int(1))
        await world.settle()
        let podsBefore = Set(world.pods.compactMap(\.metadata.name))
        world.now += 60
        world.rollout.spec.restartAt = KubeTime(world.now + 30)
        world.bumpGeneration()
        await world.reconcile()
        #expect(world.restartedPods.isEmpty)
        #expect(world.lastPlan.requeueAfter == .seconds(30))
        #expect(world.status.phase == "Progressing")
        #expect(world.status.message == "rollout is restarting")

        world.now += 30
        var rounds = 0
        while world.status.restartedAt == nil && rounds < 20 {
            let plan = await world.reconcile()
            #expect(plan.restarts.count <= 1)
            rounds += 1
            world.now += 1
        }
        #expect(world.status.restartedAt == world.rollout.spec.restartAt)
        #expect(Set(world.restartedPods) == podsBefore)
        #expect(
            world.pods.allSatisfy {
                ($0.metadata.creationTimestamp?.date ?? .distantPast) >= world.rollout.spec.restartAt?.date
                    ?? .distantFuture
            }
        )
        await world.settle()
        #expect(world.status.phase == "Healthy")
    }

    @Test("an HPA changing spec.replicas resizes the stable ReplicaSet; status reports HPAReplicas and the selector")
    func scaledByAnAutoscaler() async {
        var world = PlannerWorld(replicas: 4, steps: Self.steps)
        await world.settle()
        world.rollout.spec.replicas = 7
        await world.settle()
        #expect(world.stableSize == 7)
        #expect(world.status.HPAReplicas == 7)
        #expect(world.status.selector == "app=demo")
        #expect(
            world.replicaSet(world.status.stableRS)?.metadata.annotations?["rollout.argoproj.io/desired-replicas"]
                == "7"
        )
        #expect(world.status.phase == "Healthy")
    }

    @Test("old ReplicaSets beyond revisionHistoryLimit are deleted, oldest first")
    func revisionHistory() async {
        var world = PlannerWorld(replicas: 2, steps: nil)
        world.rollout.spec.revisionHistoryLimit = 2
        await world.settle()
        for version in 2...5 {
            world.now += 10
            world.setImage("app:v\(version)")
            await world.settle()
        }
        let revisions = world.replicaSets.compactMap { $0.metadata.annotations?["rollout.argoproj.io/revision"] }
            .sorted()
        #expect(revisions == ["3", "4", "5"])
    }
}
