/// The `type` of each condition a Rollout carries. Argo CD's health check, the incumbent's CLI and
/// people's scripts match on these strings, so they are the incumbent's, spelled once here.
public enum RolloutConditionType {
    /// Whether the update moves: its reason says how (created, updated, paused, aborted, timed out …).
    public static let progressing = "Progressing"
    /// At least `spec.replicas` pods available.
    public static let available = "Available"
    /// A pause (manual or a step's) holds the Rollout.
    public static let paused = "Paused"
    /// Fully updated, available, stable and observed.
    public static let healthy = "Healthy"
    /// The new ReplicaSet is the stable one.
    public static let completed = "Completed"
    /// The spec cannot be carried out; the message names the fields.
    public static let invalidSpec = "InvalidSpec"
    /// A ReplicaSet cannot make pods, or a dependency fails the controller's writes.
    public static let replicaFailure = "ReplicaFailure"
}
