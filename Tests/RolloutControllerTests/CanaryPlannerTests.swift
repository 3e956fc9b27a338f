import Foundation
import KubeAPI
import RolloutController
import Testing

/// A pure, in-memory world for the planner: plans are applied to a list of ReplicaSets, and pods
/// become available at once unless `available` says otherwise.
struct PlannerWorld {
    var rollout: Rollout
    var replicaSets: [ReplicaSet] = []
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    var events: [String] = []
    /// When false, scaled-up pods never become available (a bad image).
    var podsBecomeAvailable = true
    var lastPlan = Plan()

    init(replicas: Int32 = 10, image: String = "app:v1", steps: [CanaryStep]? = nil, maxSurge: IntOrString? = nil, maxUnavailable: IntOrString? = nil) {
        let labels = ["app": "demo"]
        var metadata = ObjectMeta(name: "demo", namespace: "default")
        metadata.uid = "rollout-uid"
        metadata.generation = 1
        rollout = Rollout(metadata: metadata, spec: RolloutSpec(
            replicas: replicas, selector: LabelSelector(matchLabels: labels),
            template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: PodSpec(containers: [Container(name: "app", image: image)])),
            strategy: RolloutStrategy(canary: CanaryStrategy(maxSurge: maxSurge, maxUnavailable: maxUnavailable, steps: steps))
        ))
    }

    /// One reconcile: plan and apply; then the pods catch up.
    @discardableResult
    mutating func reconcile() -> Plan {
        let plan = CanaryPlanner.plan(rollout: rollout, replicaSets: replicaSets, now: now)
        if var created = plan.createReplicaSet {
            created.status = ReplicaSetStatus()
            replicaSets.append(created)
        }
        for (name, _, size) in plan.scale {
            if let index = replicaSets.firstIndex(where: { $0.metadata.name == name }) { replicaSets[index].spec.replicas = Int32(size) }
        }
        replicaSets.removeAll { plan.delete.contains($0.metadata.name ?? "") }
        if let status = plan.status { rollout.status = status }
        events += plan.events.map { "\($0.reason): \($0.message)" }
        for index in replicaSets.indices {
            let size = replicaSets[index].spec.replicas ?? 1
            var status = replicaSets[index].status ?? ReplicaSetStatus()
            let wasAvailable = status.availableReplicas ?? 0
            status.replicas = size
            status.readyReplicas = podsBecomeAvailable ? size : min(size, wasAvailable)
            status.availableReplicas = podsBecomeAvailable ? size : min(size, wasAvailable)
            replicaSets[index].status = status
        }
        lastPlan = plan
        return plan
    }

    /// Reconciles until nothing changes (or a pause / deadline needs time to pass).
    mutating func settle(limit: Int = 50) {
        for _ in 0..<limit where !reconcile().isEmpty {}
    }

    var status: RolloutStatus { rollout.status ?? RolloutStatus() }

    func size(_ hash: String?) -> Int32 {
        replicaSets.first { $0.metadata.labels?["rollouts-pod-template-hash"] == hash }?.spec.replicas ?? 0
    }

    var canarySize: Int32 { size(status.currentPodHash) }
    var stableSize: Int32 { size(status.stableRS) }

    mutating func setImage(_ image: String) {
        rollout.spec.template?.spec?.containers[0].image = image
        rollout.metadata.generation = (rollout.metadata.generation ?? 1) + 1
    }

    /// What the incumbent's CLI writes for `promote`: clear the pause conditions.
    mutating func promote() {
        rollout.status?.pauseConditions = nil
    }
}

@Suite struct CanaryPlannerTests {
    static let steps = [
        CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause()), CanaryStep(setWeight: 50),
        CanaryStep(pause: RolloutPause(duration: .string("2s"))), CanaryStep(setWeight: 100),
    ]

    @Test("the first rollout goes straight to full size, becomes stable and then makes no writes")
    func firstRollout() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.settle()
        #expect(world.replicaSets.count == 1)
        #expect(world.replicaSets[0].spec.replicas == 10)
        #expect(world.replicaSets[0].metadata.annotations?["rollout.argoproj.io/revision"] == "1")
        #expect(world.replicaSets[0].metadata.ownerReferences?.first?.controller == true)
        #expect(world.status.stableRS == world.status.currentPodHash)
        #expect(world.status.phase == "Healthy")
        #expect(world.status.observedGeneration == "1")
        #expect(world.status.conditions?.first { $0.type == "Completed" }?.status == "True")
        #expect(world.reconcile().isEmpty)
    }

    @Test("an image change walks the steps: 20 % → manual pause → promote → 50 % → timed pause → 100 % → Healthy")
    func canaryProgression() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.settle()
        let stable = world.status.stableRS
        world.setImage("app:v2")
        world.settle()
        #expect(world.canarySize == 2)
        #expect(world.stableSize == 8)
        #expect(world.status.phase == "Paused")
        #expect(world.status.message == "CanaryPauseStep")
        #expect(world.status.currentStepIndex == 1)
        #expect(world.status.canary?.weights?.canary.weight == 20)
        #expect(world.status.controllerPause == true)

        world.promote()
        world.settle()
        #expect(world.canarySize == 5)
        #expect(world.stableSize == 5)
        #expect(world.status.currentStepIndex == 3)
        #expect(world.status.phase == "Paused")
        #expect(world.lastPlan.requeueAfter == .seconds(2))

        world.now += 1
        world.settle()
        #expect(world.status.currentStepIndex == 3)
        world.now += 1
        world.settle()
        #expect(world.status.stableRS != stable)
        #expect(world.status.stableRS == world.status.currentPodHash)
        #expect(world.canarySize == 10)
        #expect(world.size(stable) == 0)
        #expect(world.status.phase == "Healthy")
        #expect(world.events.contains("RolloutStepCompleted: Rollout step 1/5 completed (setWeight: 20)"))
        #expect(world.events.contains { $0.hasPrefix("RolloutCompleted:") })
        #expect(world.reconcile().isEmpty)
    }

    @Test("availability never drops below replicas − maxUnavailable and pods never exceed replicas + maxSurge")
    func budgetsHoldAtEveryStep() throws {
        var world = PlannerWorld(replicas: 10, steps: [CanaryStep(setWeight: 30), CanaryStep(setWeight: 70)], maxSurge: .int(2), maxUnavailable: .int(1))
        world.settle()
        world.setImage("app:v2")
        for _ in 0..<60 {
            world.reconcile()
            let total = world.replicaSets.reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
            let available = world.replicaSets.reduce(0) { $0 + Int($1.status?.availableReplicas ?? 0) }
            #expect(total <= 12)
            #expect(available >= 9)
        }
        #expect(world.status.phase == "Healthy")
    }

    @Test("abort scales the canary away and restores the stable ReplicaSet; retry starts the steps again")
    func abortAndRetry() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.settle()
        world.setImage("app:v2")
        world.settle()
        #expect(world.canarySize == 2)
        world.rollout.status?.abort = true
        world.settle()
        #expect(world.canarySize == 0)
        #expect(world.stableSize == 10)
        #expect(world.status.phase == "Degraded")
        #expect(world.status.message == "RolloutAborted: Rollout aborted update to revision 2")
        #expect(world.events.contains("RolloutAborted: Rollout aborted update to revision 2"))

        // retry, as the CLI writes it: the abort flag cleared; the planner starts the steps over
        world.rollout.status?.abort = false
        world.settle()
        #expect(world.events.contains("RolloutRetry: Retrying the rollout from its first step"))
        #expect(world.canarySize == 2)
        #expect(world.status.phase == "Paused")
    }

    @Test("promote --full skips the remaining steps")
    func promoteFull() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.settle()
        world.setImage("app:v2")
        world.settle()
        world.rollout.status?.promoteFull = true
        world.rollout.status?.pauseConditions = nil
        world.settle()
        #expect(world.status.phase == "Healthy")
        #expect(world.canarySize == 10)
    }

    @Test("going back to the stable template mid-canary completes at once, without steps")
    func fastRollback() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.settle()
        let stable = world.status.stableRS
        world.setImage("app:v2")
        world.settle()
        world.setImage("app:v1")
        world.settle()
        #expect(world.status.currentPodHash == stable)
        #expect(world.status.stableRS == stable)
        #expect(world.stableSize == 10)
        #expect(world.replicaSets.filter { ($0.spec.replicas ?? 0) > 0 }.count == 1)
        #expect(world.status.phase == "Healthy")
    }

    @Test("an invalid spec gets InvalidSpec with field paths, phase Degraded, and no ReplicaSet changes")
    func invalidSpec() throws {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 120)], maxSurge: .int(0), maxUnavailable: .string("0%"))
        let plan = world.reconcile()
        #expect(plan.createReplicaSet == nil && plan.scale.isEmpty)
        let condition = try #require(world.status.conditions?.first { $0.type == "InvalidSpec" })
        #expect(condition.status == "True")
        #expect(condition.message == "spec.strategy.canary.maxUnavailable: maxSurge and maxUnavailable cannot both be 0; spec.strategy.canary.steps[0].setWeight: must be between 0 and 100, got 120")
        #expect(world.status.phase == "Degraded")
        #expect(world.status.message?.hasPrefix("InvalidSpec: ") == true)
        #expect(world.reconcile().isEmpty)
    }

    @Test("a canary that never becomes available hits the progress deadline and, with progressDeadlineAbort, aborts")
    func progressDeadline() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.rollout.spec.progressDeadlineSeconds = 60
        world.rollout.spec.progressDeadlineAbort = true
        world.settle()
        world.setImage("app:bad")
        world.podsBecomeAvailable = false
        world.settle()
        #expect(world.status.phase == "Progressing")
        #expect(world.lastPlan.requeueAfter != nil)
        world.now += 61
        world.settle()
        #expect(world.status.abort == true)
        #expect(world.events.contains { $0.hasPrefix("RolloutNotCompleted:") })
        #expect(world.stableSize == 10)
        #expect(world.status.phase == "Degraded")
    }

    @Test("a timed pause never ends early, although the API keeps its start time in whole seconds")
    func pauseRoundsUp() throws {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause(duration: .int(2))), CanaryStep(setWeight: 60)])
        world.settle()
        world.now += 0.7
        world.setImage("app:v2")
        world.settle()
        #expect(world.status.pauseConditions?.first?.startTime == KubeTime(Date(timeIntervalSince1970: 1_800_000_001)))
        #expect(world.lastPlan.requeueAfter.map { $0 > .milliseconds(2299) && $0 < .milliseconds(2301) } == true)
        world.now += 2.2
        world.settle()
        #expect(world.status.currentStepIndex == 1)
        world.now += 0.1
        world.settle()
        #expect(world.status.phase == "Healthy" || world.status.currentStepIndex == 3)
    }

    @Test("spec.paused holds everything and reads as manually paused")
    func manualPause() throws {
        var world = PlannerWorld(steps: Self.steps)
        world.settle()
        world.rollout.spec.paused = true
        world.setImage("app:v2")
        world.settle()
        #expect(world.status.phase == "Paused")
        #expect(world.status.message == "manually paused")
        #expect(world.canarySize == 0)
    }

    @Test(arguments: [
        ("invalid", "Degraded", "InvalidSpec: bad"),
        ("aborted", "Degraded", "RolloutAborted: Rollout aborted update to revision 2"),
        ("paused", "Paused", "manually paused"),
        ("pauseCondition", "Paused", "CanaryPauseStep"),
        ("updating", "Progressing", "more replicas need to be updated"),
        ("becomingAvailable", "Progressing", "updated replicas are still becoming available"),
        ("oldPending", "Progressing", "old replicas are pending termination"),
        ("steps", "Progressing", "waiting for all steps to complete"),
        ("healthy", "Healthy", ""),
    ])
    func phasePrecedence(case name: String, phase: String, message: String) {
        var spec = RolloutSpec(replicas: 3)
        var status = RolloutStatus()
        status.replicas = 3
        status.updatedReplicas = 3
        status.availableReplicas = 3
        status.currentPodHash = "new"
        status.stableRS = "new"
        switch name {
        case "invalid": status.conditions = [RolloutCondition(type: "InvalidSpec", status: "True", message: "bad")]
        case "aborted": status.conditions = [RolloutCondition(type: "Progressing", status: "False", reason: "RolloutAborted", message: "Rollout aborted update to revision 2")]
        case "paused": spec.paused = true
        case "pauseCondition": status.pauseConditions = [PauseCondition(reason: "CanaryPauseStep", startTime: KubeTime(Date()))]
        case "updating": status.updatedReplicas = 2
        case "becomingAvailable": status.availableReplicas = 2
        case "oldPending": status.replicas = 4
        case "steps": status.stableRS = "old"
        default: break
        }
        let result = RolloutPhase.compute(spec: spec, status: status, hasTrafficRouting: false)
        #expect(result.phase == phase)
        #expect(result.message == message)
    }
}
