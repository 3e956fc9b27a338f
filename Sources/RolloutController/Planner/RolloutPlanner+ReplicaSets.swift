import KubeAPI

/// Creating and resizing ReplicaSets, for every strategy: the strategy decides the sizes, this
/// creates the new ReplicaSet (or takes an existing one back as the latest revision), resizes the
/// others with their desired-replicas annotation, and keeps the Rollout's revision annotation in step.
extension RolloutPlanner {
    /// Sorts the Rollout's ReplicaSets into new, stable and old, adopting and releasing as needed.
    mutating func assignRoles(template: PodTemplateSpec) {
        roles = ReplicaSetRoles(
            rollout: rollout,
            template: template,
            owned: input.replicaSets,
            orphans: input.orphans,
            stableHash: status.stableRS
        )
        plan.adopt = roles.adopt
        plan.release = roles.release
    }

    /// `<rollout>-<hash>`: the name of the new ReplicaSet.
    var newName: String { "\(name)-\(roles.newHash)" }

    /// The revision the new ReplicaSet has, or will have once created or taken back.
    var newRevision: Int {
        if let revision = roles.new?.revision, revision > roles.highestOtherRevision { return revision }
        return roles.highestOtherRevision + 1
    }

    /// Gives the new ReplicaSet `new` replicas (creating it from `template` if it does not exist),
    /// the stable one `stable`, and the old ones `old`, in their order.
    mutating func resize(template: PodTemplateSpec, new: Int, stable: Int, old: [Int]) {
        if let existing = roles.new {
            // A ReplicaSet taken back as the new one (a rollback) becomes the latest revision.
            if (existing.revision ?? 0) <= roles.highestOtherRevision {
                plan.revise = ReplicaSetRevision(
                    name: existing.metadata.name ?? "",
                    revision: roles.highestOtherRevision + 1
                )
            }
            scale(existing, to: new)
        } else {
            let revision = roles.highestOtherRevision + 1
            plan.createReplicaSet = newReplicaSet(template: template, replicas: new, revision: revision)
            plan.events.append(
                PlannedEvent(
                    reason: RolloutReason.newReplicaSetCreated,
                    message: "Created ReplicaSet \(newName) (revision \(revision)) with size \(new)",
                    write: .createReplicaSet
                )
            )
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "True",
                reason: RolloutReason.newReplicaSetCreated,
                message: "Created new replica set \"\(newName)\"",
                at: time,
                forceUpdate: true
            )
            moved = true
        }
        if let stableReplicaSet = roles.stable { scale(stableReplicaSet, to: stable) }
        for (replicaSet, size) in zip(roles.old, old) { scale(replicaSet, to: size) }

        // The Rollout carries its new ReplicaSet's revision too (the CLI and messages read it there).
        if let revision = plan.revise?.revision ?? plan.createReplicaSet?.revision ?? roles.new?.revision,
            rollout.metadata.annotations?[ArgoAnnotations.revision] != String(revision)
        {
            plan.rolloutRevision = revision
        }
    }

    /// Resizes a ReplicaSet, or only refreshes its desired-replicas annotation when that is stale.
    private mutating func scale(_ replicaSet: ReplicaSet, to size: Int) {
        let from = replicaSet.specReplicas
        let annotationStale = replicaSet.metadata.annotations?[ArgoAnnotations.desiredReplicas] != String(replicas)
        guard size != from || annotationStale else { return }
        let name = replicaSet.metadata.name ?? ""
        plan.scale.append((name, from, size))
        guard size != from else { return }
        moved = true
        plan.events.append(
            PlannedEvent(
                reason: RolloutReason.scalingReplicaSet,
                message: "Scaled \(size > from ? "up" : "down") replica set \(name) from \(from) to \(size)",
                write: .scale(replicaSet: name)
            )
        )
    }

    /// The new ReplicaSet as Vane creates it: the template with the hash label, the selector
    /// narrowed to the hash, the revision and desired-replicas annotations, owned by the Rollout.
    private func newReplicaSet(template: PodTemplateSpec, replicas size: Int, revision: Int) -> ReplicaSet {
        let hash = roles.newHash
        var template = template
        var labels = template.metadata?.labels ?? [:]
        labels[ArgoLabels.podTemplateHash] = hash
        if template.metadata == nil { template.metadata = ObjectMeta() }
        template.metadata?.labels = labels
        var selector = rollout.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([ArgoLabels.podTemplateHash: hash]) { $1 }
        var metadata = ObjectMeta(name: newName, namespace: rollout.metadata.namespace, labels: labels)
        metadata.annotations = [
            ArgoAnnotations.revision: String(revision), ArgoAnnotations.desiredReplicas: String(replicas),
        ]
        metadata.ownerReferences = [rollout.ownerReferenceAsController]
        return ReplicaSet(
            metadata: metadata,
            spec: ReplicaSetSpec(
                replicas: Int32(size),
                minReadySeconds: rollout.spec.minReadySeconds,
                selector: selector,
                template: template
            )
        )
    }
}
