import Foundation
import KubeAPI

/// A gate this version of Vane cannot evaluate: an analysis, an experiment, a step plugin. The
/// rollout never goes past one on its own: it holds in front of it, paused with reason
/// `UnsupportedGate` (Argo CD shows it Suspended), with the `Paused` condition and a Warning event
/// naming the field. Only an operator moves it on — a promote (or Argo CD's resume) passes this one
/// gate, a full promotion all of them — because a gate skipped silently is a promotion nobody decided.
struct UnsupportedGate: Sendable, Hashable {
    /// The field path of what cannot be evaluated, e.g. `spec.strategy.canary.steps[2].analysis`.
    var field: String
    /// What it is, for people: `analysis`, `background analysis`, `experiment` …
    var what: String
    /// What an operator does to go on without it.
    var passage = "promotes past it"

    /// The text of the `Paused` condition, the event and the phase message.
    var description: String {
        "\(what) (\(field)) cannot be evaluated by this version of Vane: the rollout holds here until an operator \(passage)"
    }
}

extension RolloutPlanner {
    /// Holds the rollout in front of `gate`. Returns true while it holds; false once an operator
    /// has passed it (the caller then carries on as if the gate had succeeded).
    mutating func hold(at gate: UnsupportedGate) -> Bool {
        let held = status.pauseConditions?.contains { $0.reason == PauseReason.unsupportedGate } ?? false
        if !held, status.controllerPause == true, (status.pauseConditions ?? []).isEmpty {
            // The controller paused here and an operator cleared the pause: the gate is passed.
            status.controllerPause = nil
            return false
        }
        heldGate = gate
        guard !held else { return true }
        // The API keeps whole seconds: the start is rounded up, as for every pause.
        let start = Date(timeIntervalSince1970: input.now.timeIntervalSince1970.rounded(.up))
        status.pauseConditions =
            (status.pauseConditions ?? []) + [
                PauseCondition(reason: PauseReason.unsupportedGate, startTime: KubeTime(start))
            ]
        status.controllerPause = true
        plan.events.append(PlannedEvent(warning: true, reason: PauseReason.unsupportedGate, message: gate.description))
        return true
    }
}
