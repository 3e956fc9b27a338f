import Foundation
import KubeAPI

/// The pure heart of Vane: `(rollout, its ReplicaSets, Services, Pods, dependency state, now) → Plan`,
/// with the semantics of spec/rollout.md and the incumbent's observed behaviour. No I/O, no clocks:
/// table-tested, and carried out by the one ``PlanApplier``.
///
/// A core shared by every strategy holds the state of one reconcile — the input, the status being
/// computed, the ReplicaSets' roles, the plan — and the phases every strategy runs, one file each:
/// which ReplicaSet plays which part (`ReplicaSetRoles`), creating and resizing ReplicaSets
/// (`+ReplicaSets`), resets, aborts and promotion (`+Lifecycle`), pointing Services
/// (`+Services`), restarts (`+Restarts`), revision history (`+History`), counts and phase
/// (`+Status`), conditions and the events that go with them (`+Conditions`).
///
/// A strategy is one sequence of those phases around what only it does, chosen by `spec.strategy`
/// in `run()`. The canary (`Canary/`) turns the current step's weight into replica targets
/// (`CanaryArithmetic`), walks its steps (`+CanarySteps`), promotes after the last one, and points
/// the stable and canary Services. Blue-green plugs in the same way: a
/// `BlueGreen/RolloutPlanner+BlueGreen.swift` whose sequence sizes the new ReplicaSet next to the
/// active one, decides promotion and points the active and preview Services — through the same
/// `resize`, `promote`, `point`, `restartPods`, `cleanUpHistory` and `computeStatus` — plus a
/// `case` in `run()`. Until then a blue-green Rollout gets `UnsupportedStrategy`.
public struct RolloutPlanner {
    let input: PlannerInput
    var plan = Plan()
    var status: RolloutStatus
    /// The status as read.
    let original: RolloutStatus
    /// The input's time in whole seconds, as the API keeps it: what is planned is what is read back.
    let time: KubeTime
    /// Set once the spec is known to be valid; empty before.
    var roles = ReplicaSetRoles()
    /// True when this reconcile creates or resizes a ReplicaSet.
    var moved = false

    var rollout: Rollout { input.rollout }
    var name: String { rollout.metadata.name ?? "" }
    var replicas: Int { Int(rollout.spec.replicas ?? 1) }
    /// The canary's steps; other strategies have none.
    var steps: [CanaryStep] { rollout.spec.strategy?.canary?.steps ?? [] }

    /// The plan for one reconcile.
    public static func plan(_ input: PlannerInput) -> Plan {
        var planner = RolloutPlanner(input: input)
        planner.run()
        return planner.plan
    }

    /// The plan after a failing dependency (`input.dependencyFailure`) interrupted a reconcile's
    /// writes: the status as read, with the failure recorded, and nothing else. The full plan's
    /// status would claim writes that did not happen, and writing it at every retry would wake the
    /// Rollout again and again; this one changes only when the failure does.
    public static func planAfterFailure(_ input: PlannerInput) -> Plan {
        var planner = RolloutPlanner(input: input)
        if let failure = input.dependencyFailure { planner.record(failure) }
        if planner.status != planner.original { planner.plan.status = planner.status }
        return planner.plan
    }

    init(input: PlannerInput) {
        self.input = input
        self.original = input.rollout.status ?? RolloutStatus()
        self.status = original
        self.time = KubeTime(Date(timeIntervalSince1970: input.now.timeIntervalSince1970.rounded(.down)))
    }

    private mutating func run() {
        status.observedGeneration = rollout.metadata.generation.map { String($0) }

        // Invalid specs (and references to Services that cannot be used) change nothing but the status.
        var problems = RolloutValidation.problems(in: rollout)
        if problems.isEmpty { problems = RolloutValidation.referenceProblems(in: rollout, services: input.services) }
        if !problems.isEmpty {
            let message = problems.map(\.description).joined(separator: "; ")
            if Conditions.set(
                &status,
                type: RolloutConditionType.invalidSpec,
                status: "True",
                reason: RolloutReason.invalidSpec,
                message: message,
                at: time
            ) {
                plan.events.append(PlannedEvent(warning: true, reason: RolloutReason.invalidSpec, message: message))
            }
            return finish()
        }
        Conditions.remove(&status, type: RolloutConditionType.invalidSpec)

        if let canary = rollout.spec.strategy?.canary, let template = rollout.spec.template,
            rollout.spec.workloadRef == nil, canary.trafficRouting == nil
        {
            planCanary(canary, template: template)
        } else {
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "False",
                reason: RolloutReason.unsupportedStrategy,
                message:
                    "this version of Vane progresses canary rollouts without trafficRouting and with an inline template only",
                at: time
            )
        }
        finish()
    }
}
