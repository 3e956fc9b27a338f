import KubeAPI

/// Points `canary.stableService` at the stable ReplicaSet's pods and `canary.canaryService` at the
/// new ones (back at stable after an abort) through the `rollouts-pod-template-hash` selector —
/// never at a ReplicaSet with no available pod, and the first time only at a fully available one,
/// so a Service is not switched onto pods that cannot take its traffic.
extension CanaryPlanner {
    mutating func switchServices(canary: CanaryStrategy) {
        let stable = status.stableRS.flatMap { hash in roles.all.first { $0.podTemplateHash == hash } }
        point(canary.stableService, at: stable)
        point(canary.canaryService, at: status.abort == true ? stable : roles.new)
    }

    private mutating func point(_ serviceName: String?, at replicaSet: ReplicaSet?) {
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
