import Foundation
import KubeAPI

/// `revisionHistoryLimit`, for every strategy: scaled-down old ReplicaSets beyond it are deleted,
/// oldest first; one that still has pods, or whose controller has not caught up with its spec, is
/// kept for now.
extension RolloutPlanner {
    mutating func cleanUpHistory() {
        let limit = Int(rollout.spec.revisionHistoryLimit ?? 10)
        let alive = roles.old.filter { $0.metadata.deletionTimestamp == nil }
            .sorted {
                ($0.metadata.creationTimestamp?.date ?? .distantPast, $0.revision ?? 0) < (
                    $1.metadata.creationTimestamp?.date ?? .distantPast, $1.revision ?? 0
                )
            }
        guard alive.count > limit else { return }
        plan.delete = alive.prefix(alive.count - limit).filter { replicaSet in
            replicaSet.specReplicas == 0 && (replicaSet.status?.replicas ?? 0) == 0
                && (replicaSet.status?.observedGeneration ?? 0) >= (replicaSet.metadata.generation ?? 0)
                && !plan.scale.contains { $0.name == replicaSet.metadata.name && $0.to != 0 }
        }.compactMap(\.metadata.name)
    }
}
