import Foundation
import KubeAPI
import RolloutController
import Testing

/// The dependency state as a planner input: the planner alone sets and clears
/// `ReplicaFailure/DependencyFailed`.
@Suite struct DependencyConditionTests {
    static let failure = DependencyFailure(
        dependency: "conversion webhook https://rs-converter.kube-system.svc:443/convert",
        message: "conversion webhook https://rs-converter.kube-system.svc:443/convert failed during PATCH: x509: "
            + "certificate has expired; replica counts are held where they are until it recovers"
    )

    @Test("a failing dependency is the ReplicaFailure condition while it is passed in, and goes once it is not")
    func conditionFollowsTheInput() async {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())])
        await world.settle()
        world.dependencyFailure = Self.failure
        await world.reconcile()
        let condition = world.condition("ReplicaFailure")
        #expect(condition?.status == "True")
        #expect(condition?.reason == "DependencyFailed")
        #expect(condition?.message == Self.failure.message)
        #expect(world.status.phase == "Healthy")
        #expect(await world.reconcile().isEmpty)

        world.dependencyFailure = nil
        await world.reconcile()
        #expect(world.condition("ReplicaFailure") == nil)
        #expect(await world.reconcile().isEmpty)
    }

    @Test("after a failure only the status is written, as read plus the condition, and nothing once it is there")
    func planAfterFailureWritesTheConditionOnly() async throws {
        var world = PlannerWorld(steps: [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())])
        await world.settle()
        world.setImage("app:v2")
        var input = world.input
        input.dependencyFailure = Self.failure
        #expect(RolloutPlanner.plan(input).createReplicaSet != nil)

        let plan = RolloutPlanner.planAfterFailure(input)
        #expect(
            plan.createReplicaSet == nil && plan.scale.isEmpty && plan.events.isEmpty && plan.rolloutRevision == nil
        )
        var status = try #require(plan.status)
        #expect(status.condition("ReplicaFailure")?.message == Self.failure.message)
        status.conditions?.removeAll { $0.type == "ReplicaFailure" }
        #expect(status == world.status)

        input.rollout.status = plan.status
        #expect(RolloutPlanner.planAfterFailure(input).isEmpty)
    }

    @Test("a failing dependency outranks the failure a ReplicaSet reports, which comes back when it recovers")
    func dependencyOutranksAReplicaSetFailure() async {
        var world = PlannerWorld(steps: nil)
        await world.settle()
        world.replicaSets[0].status?.conditions = [
            ReplicaSetCondition(
                type: "ReplicaFailure",
                status: "True",
                reason: "FailedCreate",
                message: "quota exceeded"
            )
        ]
        await world.reconcile()
        #expect(world.condition("ReplicaFailure")?.reason == "FailedCreate")
        world.dependencyFailure = Self.failure
        await world.reconcile()
        #expect(world.condition("ReplicaFailure")?.reason == "DependencyFailed")
        world.dependencyFailure = nil
        await world.reconcile()
        #expect(world.condition("ReplicaFailure")?.message == "quota exceeded")
    }
}
