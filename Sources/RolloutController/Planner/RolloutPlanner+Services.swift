import KubeAPI

/// Points Services at the pods of one ReplicaSet through the `rollouts-pod-template-hash`
/// selector, for every strategy (the strategy says which Service follows which ReplicaSet): never
/// at a ReplicaSet with no available pod, and the first time only at a fully available one, so a
/// Service is not switched onto pods that cannot take its traffic.
extension RolloutPlanner {
    /// The ReplicaSet `status.stableRS` names, when it exists (it may be the new one).
    var stableReplicaSet: ReplicaSet? {
        status.stableRS.flatMap { hash in roles.all.first { $0.podTemplateHash == hash } }
    }

    mutating func point(_ serviceName: String?, at replicaSet: ReplicaSet?) {
        guard let serviceName, !serviceName.isEmpty, let service = input.services[serviceName],
            let replicaSet, let hash = replicaSet.podTemplateHash
        else { return }
        let current = service.spec.selector?[ArgoLabels.podTemplateHash]
        let managed = service.metadata.annotations?[ArgoAnnotations.managedByRollouts] == name
        guard current != hash || !managed else { return }
        if current != hash {
            let available = replicaSet.availableCount
            if !managed, available < replicaSet.specReplicas { return }
            if available == 0 { return }
            plan.events.append(
                PlannedEvent(
                    reason: RolloutReason.switchService,
                    message: "Switched selector for service '\(serviceName)' from '\(current ?? "")' to '\(hash)'",
                    write: .switchService(serviceName)
                )
            )
        }
        plan.services.append(ServiceSwitch(service: serviceName, from: current, to: hash, markManaged: !managed))
    }
}
