import Foundation
import KubeAPI
import RolloutController
import Testing

/// Each step type, edits to the steps and templates mid-update, and the step hash.
@Suite struct CanaryStepTests {
    @Test("the step hash is the incumbent's: its status for setWeight 20 → pause 10s reads 55f5d87bd9")
    func stepHashMatchesTheIncumbent() {
        let steps = [CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause(duration: .string("10s")))]
        #expect(CanarySteps.hash(steps) == "55f5d87bd9")
        #expect(CanarySteps.hash([CanaryStep(setWeight: 20)]) != CanarySteps.hash(steps))
    }

    @Test(arguments: [
        (CanaryStep(setWeight: 40), "setWeight: 40"),
        (CanaryStep(pause: RolloutPause()), "pause"),
        (CanaryStep(pause: RolloutPause(duration: .int(30))), "pause: 30"),
        (CanaryStep(pause: RolloutPause(duration: .string("1h"))), "pause: 1h"),
        (CanaryStep(analysis: ["templates": [["templateName": "t"]]]), "analysis"),
        (CanaryStep(experiment: ["templates": []]), "experiment"),
    ])
    func stepNames(step: CanaryStep, name: String) {
        #expect(CanarySteps.describe(step) == name)
    }

    @Test("the weight in force is the last setWeight at or before the step, 0 before any, 100 after the last")
    func weights() {
        let steps = [
            CanaryStep(pause: RolloutPause()), CanaryStep(setWeight: 30), CanaryStep(pause: RolloutPause()),
            CanaryStep(setWeight: 60),
        ]
        #expect(CanarySteps.weight(steps, at: nil) == 0)
        #expect(CanarySteps.weight(steps, at: 0) == 0)
        #expect(CanarySteps.weight(steps, at: 1) == 30)
        #expect(CanarySteps.weight(steps, at: 2) == 30)
        #expect(CanarySteps.weight(steps, at: 3) == 60)
        #expect(CanarySteps.weight(steps, at: 4) == 100)
        #expect(CanarySteps.weight([], at: nil) == 100)
    }

    @Test("editing the steps mid-update starts them over from the first step")
    func editedSteps() async {
        var world = PlannerWorld(steps: [
            CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause()), CanaryStep(setWeight: 60),
            CanaryStep(pause: RolloutPause()),
        ])
        await world.settle()
        world.setImage("app:v2")
        await world.settle()
        world.promote()
        await world.settle()
        #expect(world.status.currentStepIndex == 3)
        #expect(world.canarySize == 6)
        let before = world.status.currentStepHash
        world.rollout.spec.strategy?.canary?.steps = [CanaryStep(setWeight: 10), CanaryStep(pause: RolloutPause())]
        world.bumpGeneration()
        await world.settle()
        #expect(world.status.currentStepHash != before)
        #expect(world.status.currentStepIndex == 1)
        #expect(world.canarySize == 1)
        #expect(world.status.phase == "Paused")
    }

    @Test("a newer template supersedes the canary in progress: the intermediate ReplicaSet goes, the steps restart")
    func newerTemplateSupersedes() async {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())])
        await world.settle()
        let stable = world.status.stableRS
        world.setImage("app:v2")
        await world.settle()
        let intermediate = world.status.currentPodHash
        #expect(world.size(intermediate) == 5)
        world.setImage("app:v3")
        await world.settle()
        #expect(world.status.currentPodHash != intermediate)
        #expect(world.size(intermediate) == 0)
        #expect(world.status.stableRS == stable)
        #expect(world.canarySize == 5)
        #expect(world.stableSize == 5)
        #expect(world.status.currentStepIndex == 1)
        #expect(
            world.replicaSet(world.status.currentPodHash)?.metadata.annotations?["rollout.argoproj.io/revision"] == "3"
        )
        #expect(world.events.contains("RolloutUpdated: Rollout updated to revision 3"))
    }

    @Test("analysis and experiment steps are completed with an event saying they were skipped")
    func unsupportedStepsAreSkippedVisibly() async {
        var world = PlannerWorld(steps: [
            CanaryStep(setWeight: 30), CanaryStep(analysis: ["templates": [["templateName": "success-rate"]]]),
            CanaryStep(pause: RolloutPause()),
        ])
        await world.settle()
        world.setImage("app:v2")
        await world.settle()
        #expect(world.status.currentStepIndex == 2)
        #expect(
            world.events.contains(
                "RolloutStepCompleted: Rollout step 2/3 completed (analysis, not supported yet: skipped)"
            )
        )
    }

    @Test("without steps a new template rolls straight to the new ReplicaSet within the surge budget")
    func noSteps() async {
        var world = PlannerWorld(replicas: 4, steps: nil, maxSurge: .int(1), maxUnavailable: .int(0))
        await world.settle()
        world.setImage("app:v2")
        await world.reconcile()
        #expect(world.canarySize == 1)
        #expect(world.status.currentStepIndex == nil)
        await world.settle()
        #expect(world.canarySize == 4)
        #expect(world.stableSize == 4)
        #expect(world.status.stableRS == world.status.currentPodHash)
        #expect(world.status.phase == "Healthy")
    }

    @Test("setCanaryScale without a traffic router is an invalid spec, as for the incumbent")
    func setCanaryScaleNeedsTrafficRouting() async {
        var world = PlannerWorld(steps: [CanaryStep(setCanaryScale: SetCanaryScale(replicas: 2))])
        await world.reconcile()
        #expect(
            world.condition("InvalidSpec")?.message
                == "spec.strategy.canary.steps[0].setCanaryScale: needs spec.strategy.canary.trafficRouting (without a traffic router the weight is the replica count)"
        )
        #expect(world.replicaSets.isEmpty)
    }

    @Test("trafficRouting and workloadRef are reported as unsupported, not ignored")
    func unsupportedStrategies() async {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 20)])
        world.rollout.spec.strategy?.canary?.trafficRouting = ["nginx": ["stableIngress": "web"]]
        world.rollout.spec.strategy?.canary?.stableService = "stable"
        world.rollout.spec.strategy?.canary?.canaryService = "canary"
        world.addService("stable")
        world.addService("canary")
        await world.reconcile()
        #expect(world.condition("Progressing")?.reason == "UnsupportedStrategy")
        #expect(world.condition("Progressing")?.status == "False")
        #expect(world.replicaSets.isEmpty)
    }
}
