import Foundation
import KubeAPI

/// `spec.restartAt`, for every strategy: pods created before that time are deleted a few at a time
/// so their ReplicaSets replace them — as many as `maxUnavailable` allows (at least one) while the
/// rest stay available — stable pods first, then the new ReplicaSet's, then any others;
/// `status.restartedAt` records the time once none is left.
extension RolloutPlanner {
    /// How often a restart that cannot restart anything right now looks again.
    static let restartRecheck = Duration.seconds(30)

    /// `maxUnavailable`: the strategy's budget, resolved against the desired replicas.
    mutating func restartPods(maxUnavailable: Int) {
        guard let restartAt = rollout.spec.restartAt else { return }
        if let restartedAt = status.restartedAt, restartedAt.date >= restartAt.date { return }
        guard input.now >= restartAt.date else {
            plan.requeue(after: .seconds(restartAt.date.timeIntervalSince(input.now)))
            return
        }
        let order = [roles.stable, roles.new].compactMap { $0 } + roles.old
        let rank = Dictionary(order.enumerated().map { ($1.metadata.uid ?? "", $0) }) { first, _ in first }
        let pods = input.pods
            .filter { pod in pod.metadata.controllerReference.map { rank[$0.uid] != nil } ?? false }
            .sorted { lhs, rhs in
                let left = rank[lhs.metadata.controllerReference?.uid ?? ""] ?? .max
                let right = rank[rhs.metadata.controllerReference?.uid ?? ""] ?? .max
                if left != right { return left < right }
                return (lhs.metadata.creationTimestamp?.date ?? .distantPast)
                    < (rhs.metadata.creationTimestamp?.date ?? .distantPast)
            }
        let stale = pods.filter { ($0.metadata.creationTimestamp?.date ?? .distantPast) < restartAt.date }
        guard !stale.isEmpty else {
            status.restartedAt = restartAt
            return
        }
        let total = roles.all.reduce(0) { $0 + $1.specReplicas }
        let minReady = TimeInterval(rollout.spec.minReadySeconds ?? 0)
        let available = pods.filter { isAvailable($0, minReadySeconds: minReady) }.count
        var budget = available - (max(replicas, total) - max(maxUnavailable, 1))
        for pod in stale where pod.metadata.deletionTimestamp == nil && budget > 0 {
            plan.restarts.append(PodRestart(name: pod.metadata.name ?? "", uid: pod.metadata.uid))
            budget -= 1
        }
        plan.requeue(after: Self.restartRecheck)
    }

    /// Ready for at least `minReadySeconds`, and not on its way out.
    private func isAvailable(_ pod: Pod, minReadySeconds: TimeInterval) -> Bool {
        guard pod.metadata.deletionTimestamp == nil,
            let ready = pod.status?.conditions?.first(where: { $0.type == "Ready" }), ready.status == "True"
        else { return false }
        guard minReadySeconds > 0 else { return true }
        return (ready.lastTransitionTime?.date ?? .distantFuture).addingTimeInterval(minReadySeconds) <= input.now
    }
}
