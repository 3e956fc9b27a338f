import Foundation
import KubeAPI

/// Walking the canary steps: a step is complete once the ReplicaSets sit at its targets and those
/// pods are available; a pause completes when its time is up or an operator promotes it.
extension RolloutPlanner {
    /// `newSize`: the new ReplicaSet's size as this reconcile leaves it.
    mutating func progressSteps(targets: (canary: Int, stable: Int), newSize: Int) {
        guard let stable = roles.stable, rollout.spec.paused != true, status.abort != true, status.promoteFull != true,
            !moved
        else { return }
        let index = Int(status.currentStepIndex ?? 0)
        guard index < steps.count else { return }
        let atTargets =
            newSize == targets.canary && (roles.new?.availableCount ?? 0) == targets.canary
            && stable.specReplicas == targets.stable
            && roles.old.allSatisfy { $0.availableCount == 0 }
        guard atTargets else { return }
        advance(from: index)
    }

    private mutating func advance(from index: Int) {
        let step = steps[index]
        let label = "\(index + 1)/\(steps.count)"
        guard let pause = step.pause else {
            status.currentStepIndex = Int32(index + 1)
            let skipped = step.setWeight == nil ? ", not supported yet: skipped" : ""
            plan.events.append(
                PlannedEvent(
                    reason: RolloutReason.rolloutStepCompleted,
                    message: "Rollout step \(label) completed (\(CanarySteps.describe(step))\(skipped))"
                )
            )
            return
        }
        let completed = "Rollout step \(label) completed (\(CanarySteps.describe(step)))"
        let condition = status.pauseConditions?.first { $0.reason == PauseReason.canaryPauseStep }
        if condition == nil, status.controllerPause == true {
            // An operator promoted the pause (cleared the pause conditions).
            status.controllerPause = nil
            status.currentStepIndex = Int32(index + 1)
            plan.events.append(PlannedEvent(reason: RolloutReason.rolloutStepCompleted, message: completed))
        } else if let condition {
            guard let duration = pause.duration.flatMap(RolloutValidation.pauseDuration) else { return }
            let ends = condition.startTime.date.addingTimeInterval(duration.inSeconds)
            if input.now >= ends {
                status.pauseConditions = nil
                status.controllerPause = nil
                status.currentStepIndex = Int32(index + 1)
                plan.events.append(PlannedEvent(reason: RolloutReason.rolloutStepCompleted, message: completed))
            } else {
                plan.requeue(after: .seconds(ends.timeIntervalSince(input.now)))
            }
        } else {
            // The API keeps whole seconds: the start is rounded up so a pause never ends early.
            let start = Date(timeIntervalSince1970: input.now.timeIntervalSince1970.rounded(.up))
            status.pauseConditions = [PauseCondition(reason: PauseReason.canaryPauseStep, startTime: KubeTime(start))]
            status.controllerPause = true
            if let duration = pause.duration.flatMap(RolloutValidation.pauseDuration) {
                plan.requeue(after: duration + .seconds(start.timeIntervalSince(input.now)))
            }
        }
    }
}
