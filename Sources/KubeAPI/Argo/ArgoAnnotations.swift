/// The annotations the Argo Rollouts API defines, on Rollouts and on the objects a Rollout manages.
/// Vane reads and writes the incumbent's keys, so objects move between the two controllers as is.
public enum ArgoAnnotations {
    /// On ReplicaSets (and on the Rollout itself): the revision, an increasing integer.
    public static let revision = "rollout.argoproj.io/revision"
    /// On ReplicaSets: `spec.replicas` of the Rollout when the ReplicaSet was last sized.
    public static let desiredReplicas = "rollout.argoproj.io/desired-replicas"
    /// On Services (and other objects a Rollout points but does not own): the managing Rollout's name.
    public static let managedByRollouts = "argo-rollouts.argoproj.io/managed-by-rollouts"
    /// On an old ReplicaSet kept for a while (RFC 3339): when it may be scaled to zero.
    public static let scaleDownDeadline = "rollout.argoproj.io/scale-down-deadline"
    /// The key the incumbent writes for the same deadline (its `DefaultReplicaSetScaleDownDeadlineAnnotationKey`).
    public static let unprefixedScaleDownDeadline = "scale-down-deadline"
    /// On ReplicaSets: the canary or stable pod metadata (JSON) injected into their pods.
    public static let ephemeralMetadata = "rollout.argoproj.io/ephemeral-metadata"
    /// On a Rollout with `workloadRef`: the referenced workload's generation.
    public static let workloadGeneration = "rollout.argoproj.io/workload-generation"
}
