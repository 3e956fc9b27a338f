/// The labels the Argo Rollouts API defines.
public enum ArgoLabels {
    /// On ReplicaSets, their selectors and pod templates, and in Service selectors: the pod-template
    /// hash that tells one revision's pods from another's.
    public static let podTemplateHash = "rollouts-pod-template-hash"
    /// On Rollouts: the `--instance-id` of the controller that handles them.
    public static let instanceID = "argo-rollouts.argoproj.io/instance-id"
}
