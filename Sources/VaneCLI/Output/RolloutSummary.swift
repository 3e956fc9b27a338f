import Foundation
import KubeAPI
import RolloutController

/// One line describing a Rollout and its ReplicaSets, for `vane demo` and plain (non-TTY) output:
/// phase, step, weight, and each ReplicaSet with its role, size and availability.
enum RolloutSummary {
    static func line(_ rollout: Rollout, replicaSets: [ReplicaSet]) -> String {
        let status = rollout.status ?? RolloutStatus()
        let steps = rollout.spec.strategy?.canary?.steps?.count ?? 0
        let step = status.currentStepIndex.map { "step \(min(Int($0), steps))/\(steps)" } ?? "step -"
        let setWeight = rollout.spec.strategy?.canary.map { canary in
            status.stableRS == status.currentPodHash
                ? 100 : CanarySteps.weight(canary.steps ?? [], at: status.currentStepIndex)
        }
        let weight = setWeight.map { "weight \($0)" } ?? "weight -"
        let owned =
            replicaSets
            .filter {
                $0.metadata.controllerReference?.uid == rollout.metadata.uid
                    && ($0.spec.replicas ?? 0) + ($0.status?.replicas ?? 0) > 0
            }
            .sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
            .map { rs -> String in
                let hash = rs.metadata.labels?[ArgoLabels.podTemplateHash]
                let role = hash == status.stableRS ? "stable" : (hash == status.currentPodHash ? "canary" : "old")
                let image = rs.spec.template?.spec?.containers.first?.image ?? "?"
                return "\(role) \(image) \(rs.status?.availableReplicas ?? 0)/\(rs.spec.replicas ?? 0)"
            }
        let message = (status.message ?? "").isEmpty ? "" : " (\(status.message ?? ""))"
        return
            "\((status.phase ?? "Pending").padding(toLength: 11, withPad: " ", startingAt: 0)) \(step)  \(weight)  [\(owned.joined(separator: ", "))]\(message)"
    }
}
