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
        if let invalid = conditions.first(where: { $0.type == "InvalidSpec" && $0.status == "True" }) {
            return ("Degraded", "InvalidSpec: \(invalid.message ?? "")")
        }
        if let failed = conditions.first(where: {
            $0.reason == "RolloutAborted" || $0.reason == "ProgressDeadlineExceeded"
        }) {
            return ("Degraded", "\(failed.reason ?? ""): \(failed.message ?? "")")
        }
        if spec.paused == true { return ("Paused", "manually paused") }
        if let pause = status.pauseConditions?.first { return ("Paused", pause.reason) }
        if let restartAt = spec.restartAt, status.restartedAt != restartAt {
            return ("Progressing", "rollout is restarting")
        }
        let desired = Int(spec.replicas ?? 1)
        let updated = Int(status.updatedReplicas ?? 0)
        let available = Int(status.availableReplicas ?? 0)
        if updated < desired { return ("Progressing", "more replicas need to be updated") }
        if available < updated { return ("Progressing", "updated replicas are still becoming available") }
        if !hasTrafficRouting, Int(status.replicas ?? 0) > updated {
            return ("Progressing", "old replicas are pending termination")
        }
        if status.stableRS == nil || status.stableRS != status.currentPodHash {
            return ("Progressing", "waiting for all steps to complete")
        }
        return ("Healthy", "")
    }
}
