import KubeAPI

/// The turning points of an update, for every strategy: a new template or new steps start it over,
/// an abort sends the traffic back to stable, a retry starts again, and a promotion makes the new
/// ReplicaSet stable.
extension RolloutPlanner {
    /// A new template or new steps (their hash: `stepHash`) start the update over — a newer
    /// template supersedes one in progress — and going back to the stable template skips the steps
    /// (fast rollback).
    mutating func resetOnChange(stepHash: String) {
        let templateChanged = status.currentPodHash != roles.newHash
        guard templateChanged || status.currentStepHash != stepHash else { return }
        if templateChanged, status.currentPodHash != nil {
            plan.events.append(
                PlannedEvent(
                    reason: RolloutReason.rolloutUpdated,
                    message: "Rollout updated to revision \(newRevision)"
                )
            )
        }
        status.currentPodHash = roles.newHash
        status.currentStepHash = stepHash
        status.pauseConditions = nil
        status.controllerPause = nil
        status.abort = nil
        status.abortedAt = nil
        status.promoteFull = nil
        // The new ReplicaSet's pods are fresh: nothing of the old template needs a restart.
        if templateChanged { status.restartedAt = rollout.spec.restartAt }
        status.currentStepIndex = steps.isEmpty ? nil : 0
        if !steps.isEmpty, roles.new != nil, status.stableRS == roles.newHash {
            status.currentStepIndex = Int32(steps.count)
            plan.events.append(
                PlannedEvent(reason: RolloutReason.skipSteps, message: "Rollback to stable ReplicaSets")
            )
        }
    }

    /// `promote --full` skips the remaining steps (and lifts an abort); `abort` scales the new
    /// ReplicaSet away; clearing the abort (`retry`) starts the steps again from the first.
    mutating func handleAbortAndFullPromotion() {
        if status.promoteFull == true {
            status.pauseConditions = nil
            status.controllerPause = nil
            status.abort = nil
            status.abortedAt = nil
            if !steps.isEmpty { status.currentStepIndex = Int32(steps.count) }
        }
        if status.abort == true {
            abort(because: nil)
        } else if progressingCondition?.reason == RolloutReason.rolloutAborted {
            status.abortedAt = nil
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "Unknown",
                reason: RolloutReason.rolloutRetry,
                message: "Retrying Rollout after abort",
                at: time,
                forceUpdate: true
            )
            plan.events.append(
                PlannedEvent(reason: RolloutReason.rolloutRetry, message: "Retrying Rollout after abort")
            )
        }
    }

    /// Records an abort: pauses end, the steps go back to the first, and the Rollout is Degraded with
    /// a message naming the revision (and `reason`, for an abort the controller decided).
    mutating func abort(because reason: String?) {
        status.abort = true
        if status.abortedAt == nil { status.abortedAt = time }
        status.pauseConditions = nil
        status.controllerPause = nil
        if !steps.isEmpty { status.currentStepIndex = status.stableRS == roles.newHash ? Int32(steps.count) : 0 }
        // An abort already on record keeps its message (the deadline's, say).
        guard progressingCondition?.reason != RolloutReason.rolloutAborted else { return }
        let message = "Rollout aborted update to revision \(newRevision)" + (reason.map { ": \($0)" } ?? "")
        Conditions.set(
            &status,
            type: RolloutConditionType.progressing,
            status: "False",
            reason: RolloutReason.rolloutAborted,
            message: message,
            at: time
        )
        plan.events.append(PlannedEvent(warning: true, reason: RolloutReason.rolloutAborted, message: message))
    }

    /// Makes the new ReplicaSet stable — `reason` says why, in the event — and ends whatever held
    /// the update: pauses, an abort, a full promotion, the steps.
    mutating func promote(because reason: String) {
        status.pauseConditions = nil
        status.controllerPause = nil
        status.abort = nil
        status.abortedAt = nil
        status.promoteFull = nil
        status.currentStepIndex = steps.isEmpty ? nil : Int32(steps.count)
        guard status.stableRS != roles.newHash else { return }
        status.stableRS = roles.newHash
        plan.events.append(
            PlannedEvent(
                reason: RolloutReason.rolloutCompleted,
                message: "Rollout completed update to revision \(newRevision) (\(roles.newHash)): \(reason)"
            )
        )
    }

    var progressingCondition: RolloutCondition? {
        status.condition(RolloutConditionType.progressing)
    }
}
