/// The reasons the controller gives on a Rollout's conditions and Events. The incumbent uses one
/// vocabulary for both (`RolloutAborted` is the `Progressing` condition's reason and the Warning
/// event's), and tools match on these strings, so they are its values, spelled once here.
public enum RolloutReason {
    // MARK: On conditions and on Events

    public static let invalidSpec = "InvalidSpec"
    public static let newReplicaSetCreated = "NewReplicaSetCreated"
    public static let rolloutAborted = "RolloutAborted"
    public static let rolloutRetry = "RolloutRetry"
    public static let rolloutPaused = "RolloutPaused"
    public static let rolloutResumed = "RolloutResumed"
    public static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    /// The `Completed` condition's reason, and the event when the new ReplicaSet becomes stable.
    public static let rolloutCompleted = "RolloutCompleted"
    /// Vane's: a dependency (TLS, webhook, API group) failed the controller's writes.
    public static let dependencyFailed = "DependencyFailed"

    // MARK: On conditions only

    public static let newReplicaSetAvailable = "NewReplicaSetAvailable"
    public static let replicaSetUpdated = "ReplicaSetUpdated"
    public static let replicaSetNotAvailable = "ReplicaSetNotAvailable"
    /// The `Available` condition's reason, whatever its status (the incumbent's literal value).
    public static let available = "AvailableReason"
    /// The `Healthy` condition's reason, whatever its status.
    public static let rolloutHealthy = "RolloutHealthy"
    /// Vane's: the Rollout asks for something this version does not carry out.
    public static let unsupportedStrategy = "UnsupportedStrategy"

    // MARK: On Events only

    public static let rolloutUpdated = "RolloutUpdated"
    public static let rolloutNotCompleted = "RolloutNotCompleted"
    public static let rolloutStepCompleted = "RolloutStepCompleted"
    public static let skipSteps = "SkipSteps"
    public static let scalingReplicaSet = "ScalingReplicaSet"
    public static let switchService = "SwitchService"
    /// Vane's: a Rollout has failed to sync many times in a row.
    public static let syncRetrying = "SyncRetrying"
}
