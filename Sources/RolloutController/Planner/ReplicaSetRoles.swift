import KubeAPI

/// Which ReplicaSet plays which part in a Rollout: the *new* one runs the Rollout's template, the
/// *stable* one is `status.stableRS`, and every other one is *old*. Also decides which orphan
/// ReplicaSets to adopt and which owned ones to release, as a controller's ref manager does.
struct ReplicaSetRoles {
    /// The ReplicaSets the Rollout controls once adoption and release are done.
    var all: [ReplicaSet]
    var adopt: [String] = []
    var release: [String] = []
    /// The ReplicaSet whose template is the Rollout's, if it exists.
    var new: ReplicaSet?
    /// Its `rollouts-pod-template-hash` (for a ReplicaSet still to be created, the computed one).
    var newHash: String
    /// `status.stableRS`'s ReplicaSet, when it exists and is not the new one.
    var stable: ReplicaSet?
    /// The rest.
    var old: [ReplicaSet]

    /// No ReplicaSets at all (before a valid spec is known).
    init() {
        all = []
        newHash = ""
        old = []
    }

    init(rollout: Rollout, template: PodTemplateSpec, owned: [ReplicaSet], orphans: [ReplicaSet], stableHash: String?) {
        let selector = rollout.spec.selector.flatMap { try? Selector($0) }
        var all: [ReplicaSet] = []
        for replicaSet in owned {
            if let selector, !selector.matches(replicaSet.metadata.labels ?? [:]) {
                release.append(replicaSet.metadata.name ?? "")
            } else {
                all.append(replicaSet)
            }
        }
        if rollout.metadata.deletionTimestamp == nil, let selector, !selector.isEverything {
            for orphan in orphans
            where orphan.metadata.controllerReference == nil && orphan.metadata.deletionTimestamp == nil
                && selector.matches(orphan.metadata.labels ?? [:])
            {
                adopt.append(orphan.metadata.name ?? "")
                all.append(orphan)
            }
        }
        self.all = all

        // The hash names the template Vane would create; a ReplicaSet carrying it runs that template.
        // Otherwise look for one whose template is the same once the server's defaults are applied
        // (one another controller made), preferring the current hash and then the newest revision.
        let computed = PodTemplateHash.hash(of: template, collisionCount: rollout.status?.collisionCount)
        if let byHash = all.first(where: { $0.podTemplateHash == computed }) {
            new = byHash
        } else {
            let wanted = PodTemplateDefaults.normalized(template)
            let matching = all.filter { replicaSet in
                replicaSet.podTemplateHash != nil
                    && replicaSet.spec.template.map { PodTemplateDefaults.normalized($0) == wanted } ?? false
            }
            new =
                matching.first { $0.podTemplateHash == rollout.status?.currentPodHash }
                ?? matching.max { ($0.revision ?? 0) < ($1.revision ?? 0) }
        }
        newHash = new?.podTemplateHash ?? computed
        let newHash = newHash
        stable = stableHash == newHash ? nil : all.first { $0.podTemplateHash == stableHash && stableHash != nil }
        let stableName = stable?.metadata.name
        old = all.filter { $0.podTemplateHash != newHash && ($0.metadata.name != stableName || stableName == nil) }
    }

    /// The highest revision among all ReplicaSets but the new one.
    var highestOtherRevision: Int {
        all.filter { $0.metadata.name != new?.metadata.name }.compactMap(\.revision).max() ?? 0
    }
}

extension ReplicaSet {
    var podTemplateHash: String? { metadata.labels?[ArgoLabels.podTemplateHash] }
    var specReplicas: Int { Int(spec.replicas ?? 1) }
    var availableCount: Int { Int(status?.availableReplicas ?? 0) }
    /// `rollout.argoproj.io/revision`.
    var revision: Int? { metadata.annotations?[ArgoAnnotations.revision].flatMap { Int($0) } }
}
