import KubeAPI

extension Rollout {
    /// The owner reference a Rollout puts on the ReplicaSets it controls, whether it creates or
    /// adopts them: the controller, and blocking the Rollout's deletion until they are collected.
    var ownerReferenceAsController: OwnerReference {
        OwnerReference(
            apiVersion: Self.resource.apiVersion,
            kind: Self.resource.kind,
            name: metadata.name ?? "",
            uid: metadata.uid ?? "",
            controller: true,
            blockOwnerDeletion: true
        )
    }
}
