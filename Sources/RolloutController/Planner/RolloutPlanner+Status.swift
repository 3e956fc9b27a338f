import KubeAPI

/// The status tools read, for every strategy: counts summed over the ReplicaSets, then the
/// conditions (`+Conditions`), and last the phase and message. A steady state computes an
/// identical status, so it writes nothing.
extension RolloutPlanner {
    mutating func computeStatus() {
        let all = roles.all
        status.replicas = Int32(all.reduce(0) { $0 + Int($1.status?.replicas ?? 0) })
        status.updatedReplicas = roles.new?.status?.replicas ?? 0
        status.readyReplicas = Int32(all.reduce(0) { $0 + Int($1.status?.readyReplicas ?? 0) })
        status.availableReplicas = Int32(all.reduce(0) { $0 + Int($1.status?.availableReplicas ?? 0) })
        status.HPAReplicas = status.replicas
        status.selector = rollout.spec.selector.flatMap { try? Selector($0).description }
        recordConditions()
    }

    /// Sets the phase and message from everything else, and plans the status write if anything changed.
    mutating func finish() {
        let (phase, message) = RolloutPhase.compute(
            spec: rollout.spec,
            status: status,
            hasTrafficRouting: rollout.spec.strategy?.canary?.trafficRouting != nil
        )
        status.phase = phase
        status.message = message
        if status != original { plan.status = status }
    }
}
