import Foundation
import KubeAPI
import RolloutController
import Testing

@Suite struct CanaryPlannerTests {
    static let steps = [
        CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause()), CanaryStep(setWeight: 50),
        CanaryStep(pause: RolloutPause(duration: .string("2s"))), CanaryStep(setWeight: 100),
    ]

    @Test("the first rollout goes straight to full size, becomes stable and then makes no writes")
    func firstRollout() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        #expect(world.replicaSets.count == 1)
        #expect(world.replicaSets[0].spec.replicas == 10)
        #expect(world.replicaSets[0].metadata.annotations?["rollout.argoproj.io/revision"] == "1")
        #expect(world.replicaSets[0].metadata.ownerReferences?.first?.controller == true)
        #expect(world.status.stableRS == world.status.currentPodHash)
        #expect(world.status.phase == "Healthy")
        #expect(world.status.observedGeneration == "1")
        #expect(world.condition("Completed")?.status == "True")
        #expect(world.condition("Healthy")?.status == "True")
        #expect(world.condition("Available")?.status == "True")
        #expect(world.condition("Progressing")?.reason == "NewReplicaSetAvailable")
        #expect(world.rollout.metadata.annotations?["rollout.argoproj.io/revision"] == "1")
        #expect(
            world.events.contains {
                $0.hasPrefix("RolloutCompleted: Rollout completed update to revision 1 (")
                    && $0.hasSuffix("): Initial deploy")
            }
        )
        #expect(world.status.currentStepIndex == 5)
        #expect(world.status.currentStepHash == CanarySteps.hash(Self.steps))
        #expect(await world.reconcile().isEmpty)
    }

    @Test("an image change walks the steps: 20 % → manual pause → promote → 50 % → timed pause → 100 % → Healthy")
    func canaryProgression() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        let stable = world.status.stableRS
        world.setImage("app:v2")
        await world.settle()
        #expect(world.canarySize == 2)
        #expect(world.stableSize == 8)
        #expect(world.status.phase == "Paused")
        #expect(world.status.message == "CanaryPauseStep")
        #expect(world.status.currentStepIndex == 1)
        #expect(world.status.canary?.weights == nil)
        #expect(world.status.controllerPause == true)
        #expect(world.condition("Progressing")?.reason == "RolloutPaused")
        #expect(world.condition("Progressing")?.status == "Unknown")
        #expect(world.condition("Paused")?.status == "True")
        #expect(world.condition("Completed")?.status == "False")
        #expect(world.events.contains("RolloutPaused: Rollout is paused (CanaryPauseStep)"))
        #expect(world.rollout.metadata.annotations?["rollout.argoproj.io/revision"] == "2")

        world.promote()
        await world.settle()
        // An operator's promote clears the pause itself: no RolloutResumed event for it.
        #expect(!world.events.contains("RolloutResumed: Rollout is resumed"))
        #expect(world.events.contains("RolloutStepCompleted: Rollout step 2/5 completed (pause)"))
        #expect(world.condition("Paused")?.status == "True")
        #expect(world.canarySize == 5)
        #expect(world.stableSize == 5)
        #expect(world.status.currentStepIndex == 3)
        #expect(world.status.phase == "Paused")
        #expect(world.lastPlan.requeueAfter == .seconds(2))

        world.now += 1
        await world.settle()
        #expect(world.status.currentStepIndex == 3)
        world.now += 1
        await world.settle()
        #expect(world.status.stableRS != stable)
        #expect(world.status.stableRS == world.status.currentPodHash)
        #expect(world.canarySize == 10)
        #expect(world.size(stable) == 0)
        #expect(world.status.phase == "Healthy")
        #expect(world.events.contains("RolloutStepCompleted: Rollout step 1/5 completed (setWeight: 20)"))
        #expect(world.events.contains("RolloutStepCompleted: Rollout step 4/5 completed (pause: 2s)"))
        #expect(world.events.contains("RolloutResumed: Rollout is resumed"))
        #expect(world.events.contains { $0.hasSuffix("): Completed all 5 canary steps") })
        #expect(world.condition("Paused")?.status == "False")
        #expect(world.condition("Progressing")?.reason == "NewReplicaSetAvailable")
        #expect(world.condition("Completed")?.status == "True")
        #expect(await world.reconcile().isEmpty)
    }

    @Test("availability never drops below replicas − maxUnavailable and pods never exceed replicas + maxSurge")
    func budgetsHoldAtEveryStep() async throws {
        var world = PlannerWorld(
            replicas: 10,
            steps: [CanaryStep(setWeight: 30), CanaryStep(setWeight: 70)],
            maxSurge: .int(2),
            maxUnavailable: .int(1)
        )
        await world.settle()
        world.setImage("app:v2")
        for _ in 0..<60 {
            await world.reconcile()
            let total = world.replicaSets.reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
            let available = world.replicaSets.reduce(0) { $0 + Int($1.status?.availableReplicas ?? 0) }
            #expect(total <= 12)
            #expect(available >= 9)
        }
        #expect(world.status.phase == "Healthy")
    }

    @Test("abort scales the canary away and restores the stable ReplicaSet; retry starts the steps again")
    func abortAndRetry() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        world.setImage("app:v2")
        await world.settle()
        #expect(world.canarySize == 2)
        world.rollout.status?.abort = true
        await world.settle()
        #expect(world.canarySize == 0)
        #expect(world.stableSize == 10)
        #expect(world.status.phase == "Degraded")
        #expect(world.status.message == "RolloutAborted: Rollout aborted update to revision 2")
        #expect(world.events.contains("RolloutAborted: Rollout aborted update to revision 2"))
        #expect(world.status.currentStepIndex == 0)
        #expect(world.status.pauseConditions == nil)
        #expect(world.status.abortedAt != nil)
        #expect(world.condition("Progressing")?.status == "False")

        // retry, as the CLI writes it: the abort flag cleared; the planner starts the steps over
        world.rollout.status?.abort = false
        await world.settle()
        #expect(world.events.contains("RolloutRetry: Retrying Rollout after abort"))
        #expect(world.status.abortedAt == nil)
        #expect(world.canarySize == 2)
        #expect(world.status.phase == "Paused")
    }

    @Test("promote --full skips the remaining steps")
    func promoteFull() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        world.setImage("app:v2")
        await world.settle()
        world.rollout.status?.promoteFull = true
        world.rollout.status?.pauseConditions = nil
        await world.settle()
        #expect(world.status.phase == "Healthy")
        #expect(world.canarySize == 10)
    }

    @Test("going back to the stable template mid-canary completes at once, without steps")
    func fastRollback() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        let stable = world.status.stableRS
        world.setImage("app:v2")
        await world.settle()
        world.setImage("app:v1")
        await world.settle()
        #expect(world.status.currentPodHash == stable)
        #expect(world.status.stableRS == stable)
        #expect(world.stableSize == 10)
        #expect(world.replicaSets.filter { ($0.spec.replicas ?? 0) > 0 }.count == 1)
        #expect(world.status.phase == "Healthy")
        #expect(world.events.contains("SkipSteps: Rollback to stable ReplicaSets"))
        // The stable ReplicaSet, taken back, becomes the latest revision.
        #expect(world.replicaSet(stable)?.metadata.annotations?["rollout.argoproj.io/revision"] == "3")
        #expect(world.rollout.metadata.annotations?["rollout.argoproj.io/revision"] == "3")
    }

    @Test("an invalid spec gets InvalidSpec with field paths, phase Degraded, and no ReplicaSet changes")
    func invalidSpec() async throws {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 120)], maxSurge: .int(0), maxUnavailable: .string("0%"))
        let plan = await world.reconcile()
        #expect(plan.createReplicaSet == nil && plan.scale.isEmpty)
        let condition = try #require(world.status.conditions?.first { $0.type == "InvalidSpec" })
        #expect(condition.status == "True")
        #expect(
            condition.message
                == "spec.strategy.canary.maxUnavailable: maxSurge and maxUnavailable cannot both be 0; spec.strategy.canary.steps[0].setWeight: must be between 0 and 100, got 120"
        )
        #expect(world.status.phase == "Degraded")
        #expect(world.status.message?.hasPrefix("InvalidSpec: ") == true)
        #expect(await world.reconcile().isEmpty)
    }

    @Test("a canary that never becomes available hits the progress deadline and, with progressDeadlineAbort, aborts")
    func progressDeadline() async throws {
        var world = PlannerWorld(steps: Self.steps)
        world.rollout.spec.progressDeadlineSeconds = 60
        world.rollout.spec.progressDeadlineAbort = true
        await world.settle()
        world.setImage("app:bad")
        world.podsBecomeAvailable = false
        await world.settle()
        #expect(world.status.phase == "Progressing")
        #expect(world.lastPlan.requeueAfter != nil)
        world.now += 61
        await world.settle()
        #expect(world.status.abort == true)
        let canaryName = "demo-\(world.status.currentPodHash ?? "")"
        #expect(
            world.events.contains("ProgressDeadlineExceeded: ReplicaSet \"\(canaryName)\" has timed out progressing.")
        )
        #expect(world.stableSize == 10)
        #expect(world.canarySize == 0)
        #expect(world.status.phase == "Degraded")
        #expect(
            world.status.message
                == "RolloutAborted: Rollout aborted update to revision 2: ReplicaSet \"\(canaryName)\" has timed out progressing."
        )
    }

    @Test("a timed pause never ends early, although the API keeps its start time in whole seconds")
    func pauseRoundsUp() async throws {
        var world = PlannerWorld(steps: [
            CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause(duration: .int(2))), CanaryStep(setWeight: 60),
        ])
        await world.settle()
        world.now += 0.7
        world.setImage("app:v2")
        await world.settle()
        #expect(world.status.pauseConditions?.first?.startTime == KubeTime(Date(timeIntervalSince1970: 1_800_000_001)))
        #expect(world.lastPlan.requeueAfter.map { $0 > .milliseconds(2299) && $0 < .milliseconds(2301) } == true)
        world.now += 2.2
        await world.settle()
        #expect(world.status.currentStepIndex == 1)
        world.now += 0.1
        await world.settle()
        #expect(world.status.phase == "Healthy" || world.status.currentStepIndex == 3)
    }

    @Test("spec.paused holds everything and reads as manually paused")
    func manualPause() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        world.rollout.spec.paused = true
        world.setImage("app:v2")
        await world.settle()
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
        case "aborted":
            status.conditions = [
                RolloutCondition(
                    type: "Progressing",
                    status: "False",
                    reason: "RolloutAborted",
                    message: "Rollout aborted update to revision 2"
                )
            ]
        case "paused": spec.paused = true
        case "pauseCondition":
            status.pauseConditions = [PauseCondition(reason: "CanaryPauseStep", startTime: KubeTime(Date()))]
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
