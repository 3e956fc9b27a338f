import Foundation
import KubeAPI

/// The conditions tools read, for every strategy, with the incumbent's types, reasons and messages
/// — `Progressing` (with progress detection and the progress deadline), `Paused`, `Available`,
/// `Healthy`, `Completed`, `ReplicaFailure` — and the events that mark pauses and completion.
extension RolloutPlanner {
    mutating func recordConditions() {
        let paused = rollout.spec.paused == true || !(status.pauseConditions ?? []).isEmpty
        recordPause(paused: paused)
        let becameUnhealthy = recordHealth(paused: paused)
        if status.abort != true { recordProgress(paused: paused, becameUnhealthy: becameUnhealthy) }

        let available = Int(status.availableReplicas ?? 0) >= replicas
        Conditions.set(
            &status,
            type: RolloutConditionType.available,
            status: available ? "True" : "False",
            reason: RolloutReason.available,
            message: available ? "Rollout has minimum availability" : "Rollout does not have minimum availability",
            at: time
        )
        recordReplicaFailure()
        let completed = status.stableRS != nil && status.stableRS == status.currentPodHash
        let completedChanged = Conditions.set(
            &status,
            type: RolloutConditionType.completed,
            status: completed ? "True" : "False",
            reason: RolloutReason.rolloutCompleted,
            message: RolloutReason.rolloutCompleted,
            at: time
        )
        if completedChanged, !completed {
            plan.events.append(
                PlannedEvent(
                    reason: RolloutReason.rolloutNotCompleted,
                    message: "Rollout not completed, started update to revision \(newRevision) (\(roles.newHash))"
                )
            )
        }
        recordPauseEvents()
    }

    /// While paused the `Progressing` condition says so (its deadline does not run), and says
    /// `RolloutResumed` once the pause ends; the `Paused` condition follows the pause.
    private mutating func recordPause(paused: Bool) {
        guard progressingCondition?.reason != RolloutReason.rolloutAborted else { return }
        if paused != (progressingCondition?.reason == RolloutReason.rolloutPaused) {
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "Unknown",
                reason: paused ? RolloutReason.rolloutPaused : RolloutReason.rolloutResumed,
                message: paused ? "Rollout is paused" : "Rollout is resumed",
                at: time,
                forceUpdate: true
            )
        }
        let pausedCondition = status.condition(RolloutConditionType.paused)
        if paused != (pausedCondition?.status == "True") {
            Conditions.set(
                &status,
                type: RolloutConditionType.paused,
                status: paused ? "True" : "False",
                reason: RolloutReason.rolloutPaused,
                message: "Rollout is paused",
                at: time
            )
        }
    }

    /// Sets `Healthy`; returns true when a healthy Rollout just became unhealthy.
    private mutating func recordHealth(paused: Bool) -> Bool {
        if !paused && isHealthy {
            Conditions.set(
                &status,
                type: RolloutConditionType.healthy,
                status: "True",
                reason: RolloutReason.rolloutHealthy,
                message: "Rollout is healthy",
                at: time
            )
            return false
        }
        guard let previous = status.condition(RolloutConditionType.healthy) else {
            return false
        }
        Conditions.set(
            &status,
            type: RolloutConditionType.healthy,
            status: "False",
            reason: RolloutReason.rolloutHealthy,
            message: "Rollout is not healthy",
            at: time
        )
        return previous.status == "True"
    }

    /// Every desired replica updated and available, no old pod left, every step done, the new
    /// ReplicaSet stable, and the spec's generation already observed.
    private var isHealthy: Bool {
        let updated = Int(status.updatedReplicas ?? 0)
        let available = Int(status.availableReplicas ?? 0)
        let executedAllSteps = steps.isEmpty || status.currentStepIndex.map { Int($0) == steps.count } ?? true
        let observed = original.observedGeneration == rollout.metadata.generation.map { String($0) }
        return updated == replicas && available == replicas && Int(status.replicas ?? 0) == replicas && observed
            && executedAllSteps && status.stableRS != nil && status.stableRS == status.currentPodHash
    }

    /// `Progressing`: `NewReplicaSetAvailable` once healthy; refreshed (`ReplicaSetUpdated`) on
    /// every sign of progress; `ProgressDeadlineExceeded` when none came for
    /// `progressDeadlineSeconds` outside pauses — and then an abort with `progressDeadlineAbort`.
    private mutating func recordProgress(paused: Bool, becameUnhealthy: Bool) {
        if !paused && isHealthy {
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "True",
                reason: RolloutReason.newReplicaSetAvailable,
                message: "ReplicaSet \"\(newName)\" has successfully progressed.",
                at: time
            )
            return
        }
        guard !paused else { return }
        if plan.createReplicaSet != nil {
            requeueForDeadline()
            return
        }
        if madeProgress || becameUnhealthy {
            let notAvailable = becameUnhealthy && status.stableRS == status.currentPodHash
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "True",
                reason: notAvailable ? RolloutReason.replicaSetNotAvailable : RolloutReason.replicaSetUpdated,
                message: notAvailable
                    ? "Rollout does not have minimum availability" : "ReplicaSet \"\(newName)\" is progressing.",
                at: time,
                forceUpdate: true
            )
            requeueForDeadline()
            return
        }
        let index = Int(status.currentStepIndex ?? 0)
        if index < steps.count, CanarySteps.isIndefinite(steps[index]) { return }
        guard let progressing = progressingCondition, progressing.reason != RolloutReason.newReplicaSetAvailable else {
            return
        }
        let deadline = TimeInterval(rollout.spec.progressDeadlineSeconds ?? 600)
        let timedOut =
            progressing.reason == RolloutReason.progressDeadlineExceeded
            || (progressing.lastUpdateTime.map { $0.date.addingTimeInterval(deadline) < input.now } ?? false)
        guard timedOut else {
            requeueForDeadline()
            return
        }
        let message = "ReplicaSet \"\(newName)\" has timed out progressing."
        if Conditions.set(
            &status,
            type: RolloutConditionType.progressing,
            status: "False",
            reason: RolloutReason.progressDeadlineExceeded,
            message: message,
            at: time
        ) {
            plan.events.append(
                PlannedEvent(warning: true, reason: RolloutReason.progressDeadlineExceeded, message: message)
            )
        }
        if rollout.spec.progressDeadlineAbort == true { abort(because: message) }
    }

    /// Progress as the incumbent measures it: a ReplicaSet resized, more pods updated, ready or
    /// available, fewer old pods, another step, another stable ReplicaSet, or edited steps.
    private var madeProgress: Bool {
        let before = original
        let oldBefore = Int(before.replicas ?? 0) - Int(before.updatedReplicas ?? 0)
        let oldNow = Int(status.replicas ?? 0) - Int(status.updatedReplicas ?? 0)
        let stepMoved =
            before.currentStepIndex != nil && status.currentStepIndex != nil
            && before.currentStepIndex != status.currentStepIndex
        return moved || (status.updatedReplicas ?? 0) != (before.updatedReplicas ?? 0) || oldNow < oldBefore
            || (status.readyReplicas ?? 0) > (before.readyReplicas ?? 0)
            || (status.availableReplicas ?? 0) > (before.availableReplicas ?? 0)
            || status.stableRS != before.stableRS || stepMoved || status.currentStepHash != before.currentStepHash
    }

    /// Looks again when the progress deadline would pass, a second late so it has passed.
    private mutating func requeueForDeadline() {
        guard let since = progressingCondition?.lastUpdateTime?.date else { return }
        let deadline = TimeInterval(rollout.spec.progressDeadlineSeconds ?? 600)
        plan.requeue(after: .seconds(since.addingTimeInterval(deadline).timeIntervalSince(input.now) + 1))
    }

    /// `ReplicaFailure`: a failing dependency (`input.dependencyFailure`) first — it is what holds
    /// the Rollout —, else the failure a ReplicaSet reports (the new one first); without either, none.
    private mutating func recordReplicaFailure() {
        // A ReplicaSet's condition of the same type: it cannot make pods (quota, admission …).
        let reported = ([roles.new].compactMap { $0 } + roles.all).lazy
            .compactMap {
                $0.status?.conditions?.first { $0.type == RolloutConditionType.replicaFailure && $0.status == "True" }
            }.first
        if let failure = input.dependencyFailure {
            record(failure)
        } else if let reported {
            Conditions.set(
                &status,
                type: RolloutConditionType.replicaFailure,
                status: reported.status,
                reason: reported.reason ?? RolloutConditionType.replicaFailure,
                message: reported.message ?? "",
                at: time
            )
        } else {
            Conditions.remove(&status, type: RolloutConditionType.replicaFailure)
        }
    }

    /// `ReplicaFailure` with reason `DependencyFailed`, naming the dependency and its error.
    mutating func record(_ failure: DependencyFailure) {
        Conditions.set(
            &status,
            type: RolloutConditionType.replicaFailure,
            status: "True",
            reason: RolloutReason.dependencyFailed,
            message: failure.message,
            at: time
        )
    }

    /// `RolloutPaused` when a pause begins and `RolloutResumed` when it ends (not by an abort).
    private mutating func recordPauseEvents() {
        let before = original.pauseConditions ?? []
        let now = status.pauseConditions ?? []
        guard before.isEmpty != now.isEmpty else { return }
        if let first = now.first {
            plan.events.append(
                PlannedEvent(reason: RolloutReason.rolloutPaused, message: "Rollout is paused (\(first.reason))")
            )
        } else if status.abortedAt == nil {
            plan.events.append(PlannedEvent(reason: RolloutReason.rolloutResumed, message: "Rollout is resumed"))
        }
    }
}
