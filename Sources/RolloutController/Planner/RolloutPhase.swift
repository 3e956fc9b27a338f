public import KubeAPI

/// `status.phase` and `status.message` by the precedence of spec/rollout.md (first match wins), so
/// Argo CD's health check and the incumbent's CLI read the same thing from Vane's status.
public enum RolloutPhase {
    public static func compute(
        spec: RolloutSpec,
        status: RolloutStatus,
        hasTrafficRouting: Bool
    ) -> (phase: String, message: String) {
        let conditions = status.conditions ?? []
        if let invalid = conditions.first(where: { $0.type == RolloutConditionType.invalidSpec && $0.status == "True" })
        {
            return (RolloutStatus.Phase.degraded, "\(RolloutReason.invalidSpec): \(invalid.message ?? "")")
        }
        if let failed = conditions.first(where: {
            $0.reason == RolloutReason.rolloutAborted || $0.reason == RolloutReason.progressDeadlineExceeded
        }) {
            return (RolloutStatus.Phase.degraded, "\(failed.reason ?? ""): \(failed.message ?? "")")
        }
        if spec.paused == true { return (RolloutStatus.Phase.paused, "manually paused") }
        if let pause = status.pauseConditions?.first { return (RolloutStatus.Phase.paused, pause.reason) }
        if let restartAt = spec.restartAt, status.restartedAt != restartAt {
            return (RolloutStatus.Phase.progressing, "rollout is restarting")
        }
        let desired = Int(spec.replicas ?? 1)
        let updated = Int(status.updatedReplicas ?? 0)
        let available = Int(status.availableReplicas ?? 0)
        if updated < desired { return (RolloutStatus.Phase.progressing, "more replicas need to be updated") }
        if available < updated {
            return (RolloutStatus.Phase.progressing, "updated replicas are still becoming available")
        }
        if !hasTrafficRouting, Int(status.replicas ?? 0) > updated {
            return (RolloutStatus.Phase.progressing, "old replicas are pending termination")
        }
        if status.stableRS == nil || status.stableRS != status.currentPodHash {
            return (RolloutStatus.Phase.progressing, "waiting for all steps to complete")
        }
        return (RolloutStatus.Phase.healthy, "")
    }
}
