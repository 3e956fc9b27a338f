public import KubeAPI

/// What one reconcile of a Rollout intends: writes to ReplicaSets, the new status, events, and when
/// to look again. Produced by the pure `CanaryPlanner`, carried out by the `PlanApplier`.
public struct Plan: Sendable {
    public var createReplicaSet: ReplicaSet?
    /// ReplicaSet name → new `spec.replicas`.
    public var scale: [(name: String, from: Int, to: Int)] = []
    /// ReplicaSets beyond the revision history limit.
    public var delete: [String] = []
    /// The status to write; nil when unchanged.
    public var status: RolloutStatus?
    public var events: [PlannedEvent] = []
    /// Look again after this even if nothing changes (timed pauses, progress deadlines).
    public var requeueAfter: Duration?

    public init() {}

    /// True when the plan writes nothing.
    public var isEmpty: Bool { createReplicaSet == nil && scale.isEmpty && delete.isEmpty && status == nil }
}

/// An Event the reconcile should record on the Rollout.
public struct PlannedEvent: Sendable, Hashable {
    public var warning: Bool
    public var reason: String
    public var message: String

    public init(warning: Bool = false, reason: String, message: String) {
        self.warning = warning
        self.reason = reason
        self.message = message
    }
}
