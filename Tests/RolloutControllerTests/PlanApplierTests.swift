import Foundation
import KubeAPI
import KubeClient
import RolloutController
import Testing

/// The applier's rules, through the in-memory writer: which events are recorded when, which writes
/// are guarded by the version the plan saw, and which failures are fine.
@Suite struct PlanApplierTests {
    static let steps = [CanaryStep(setWeight: 50), CanaryStep(pause: RolloutPause())]

    /// An in-memory API server holding these objects.
    static func cluster(_ groups: [any KubeObject]..., now: Date = Date(timeIntervalSince1970: 0)) -> InMemoryWriter {
        InMemoryWriter(objects: groups.flatMap { $0 }, now: now)
    }

    @Test("an event that reports a write is recorded once that write succeeds, even when a later write fails")
    func eventsFollowTheirWrites() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        world.setImage("app:v2")
        let input = world.input
        let plan = RolloutPlanner.plan(input)
        #expect(plan.createReplicaSet != nil && plan.rolloutRevision == 2 && plan.status != nil)
        // An operator changed the Rollout since the plan was made: its annotation patch conflicts.
        var edited = world.rollout
        edited.metadata.resourceVersion = "999"
        let cluster = Self.cluster([edited], world.replicaSets, now: world.now)
        var recorded: [String] = []
        let error = await #expect(throws: KubeError.self) {
            try await PlanApplier(writer: cluster).apply(plan, madeFrom: input) { recorded.append($0.reason) }
        }
        #expect(error?.kind == .conflict)
        #expect(recorded == ["NewReplicaSetCreated", "ScalingReplicaSet"])
        #expect(plan.events.contains { $0.reason == "RolloutUpdated" })
        #expect(await cluster.list(ReplicaSet.self).count == 2)
        #expect(await cluster.get(Rollout.self, name: "demo", namespace: "default")?.status == world.rollout.status)
    }

    @Test("adopting a ReplicaSet is guarded by the version the plan saw, so two Rollouts never both adopt it")
    func adoptionIsGuarded() async throws {
        var world = PlannerWorld(steps: Self.steps)
        await world.settle()
        var orphan = world.replicaSets[0]
        orphan.metadata.ownerReferences = nil
        world.replicaSets = []
        world.orphans = [orphan]
        let input = world.input
        let plan = RolloutPlanner.plan(input)
        #expect(plan.adopt == [orphan.metadata.name ?? ""])

        var taken = orphan
        taken.metadata.resourceVersion = "999"
        let cluster = Self.cluster([world.rollout, taken])
        let error = await #expect(throws: KubeError.self) {
            try await PlanApplier(writer: cluster).apply(plan, madeFrom: input) { _ in }
        }
        #expect(error?.kind == .conflict)
        #expect(await cluster.list(ReplicaSet.self).first?.metadata.ownerReferences == nil)

        let free = Self.cluster([world.rollout, orphan])
        try await PlanApplier(writer: free).apply(plan, madeFrom: input) { _ in }
        let owner = await free.list(ReplicaSet.self).first?.metadata.controllerReference
        #expect(owner?.uid == world.rollout.metadata.uid && owner?.blockOwnerDeletion == true)
    }

    /// Reconciles `world` until the plan it would make next satisfies `condition`; returns that
    /// plan with the input it was made from, unapplied.
    static func nextPlan(
        in world: inout PlannerWorld,
        where condition: (Plan) -> Bool
    ) async throws -> (Plan, PlannerInput) {
        for _ in 0..<30 {
            let input = world.input
            let plan = RolloutPlanner.plan(input)
            if condition(plan) { return (plan, input) }
            world.now += 1
            await world.reconcile()
        }
        throw PlanNotReached()
    }

    struct PlanNotReached: Error {}

    @Test("a ReplicaSet that already exists, a pod or a ReplicaSet already gone: the write landed before, no failure")
    func writesAlreadyDone() async throws {
        var world = PlannerWorld(replicas: 2, steps: nil)
        world.rollout.spec.revisionHistoryLimit = 0
        await world.settle()
        world.setImage("app:v2")
        let (creating, creatingInput) = try await Self.nextPlan(in: &world) { $0.createReplicaSet != nil }
        let created = try #require(creating.createReplicaSet)
        let cluster = Self.cluster([world.rollout, created], world.replicaSets)
        var recorded: [String] = []
        try await PlanApplier(writer: cluster).apply(creating, madeFrom: creatingInput) { recorded.append($0.reason) }
        #expect(recorded.contains("NewReplicaSetCreated"))

        let (deleting, deletingInput) = try await Self.nextPlan(in: &world) { !$0.delete.isEmpty }
        let remaining = world.replicaSets.filter { !deleting.delete.contains($0.metadata.name ?? "") }
        try await PlanApplier(writer: Self.cluster([world.rollout], remaining))
            .apply(deleting, madeFrom: deletingInput) { _ in }

        await world.settle()
        world.now += 60
        world.rollout.spec.restartAt = KubeTime(world.now)
        let (restarting, restartingInput) = try await Self.nextPlan(in: &world) { !$0.restarts.isEmpty }
        let restarted = Set(restarting.restarts.map(\.name))
        let pods = world.pods.filter { !restarted.contains($0.metadata.name ?? "") }
        try await PlanApplier(writer: Self.cluster([world.rollout], world.replicaSets, pods))
            .apply(restarting, madeFrom: restartingInput) { _ in }
    }

    @Test("a restart deletes the very pod it planned, never a replacement that took its name")
    func restartSparesAReplacement() async throws {
        var world = PlannerWorld(replicas: 2, steps: nil)
        await world.settle()
        world.now += 60
        world.rollout.spec.restartAt = KubeTime(world.now)
        let (plan, input) = try await Self.nextPlan(in: &world) { !$0.restarts.isEmpty }
        let restarted = Set(plan.restarts.map(\.name))
        let replacements = world.pods.map { pod in
            var pod = pod
            if restarted.contains(pod.metadata.name ?? "") { pod.metadata.uid = "replacement" }
            return pod
        }
        let cluster = Self.cluster([world.rollout], world.replicaSets, replacements)
        try await PlanApplier(writer: cluster).apply(plan, madeFrom: input) { _ in }
        #expect(await cluster.list(Pod.self).count == world.pods.count)
    }

    @Test("a Service switched the first time is marked managed, and keeps the annotations it had")
    func managedServiceKeepsItsAnnotations() async {
        var world = PlannerWorld(steps: Self.steps)
        world.rollout.spec.strategy?.canary?.stableService = "demo-stable"
        world.addService("demo-stable", annotations: ["team": "payments"])
        await world.settle()
        #expect(
            world.services["demo-stable"]?.metadata.annotations
                == ["team": "payments", "argo-rollouts.argoproj.io/managed-by-rollouts": "demo"]
        )
    }
}
