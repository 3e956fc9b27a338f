public import KubeAPI

/// What one reconcile of a Rollout intends: writes to ReplicaSets, Services and Pods, the new
/// status, events, and when to look again. Produced by the pure `RolloutPlanner`, carried out by
/// the `PlanApplier` in the order the fields are declared here.
public struct Plan: Sendable {
    /// Orphan ReplicaSets matching the selector: the Rollout becomes their controller.
    public var adopt: [String] = []
    /// Owned ReplicaSets that no longer match the selector: the Rollout lets go of them.
    public var release: [String] = []
    public var createReplicaSet: ReplicaSet?
    /// An existing ReplicaSet reused as the new one (a rollback) takes the next revision number.
    public var revise: ReplicaSetRevision?
    /// ReplicaSet name → new `spec.replicas` (from == to: only the desired-replicas annotation is stale).
    public var scale: [(name: String, from: Int, to: Int)] = []
    /// Services whose `rollouts-pod-template-hash` selector must point elsewhere.
    public var services: [ServiceSwitch] = []
    /// Pods older than `spec.restartAt`, deleted so their ReplicaSets replace them.
    public var restarts: [PodRestart] = []
    /// ReplicaSets beyond the revision history limit.
    public var delete: [String] = []
    /// The revision to record in the Rollout's own `rollout.argoproj.io/revision` annotation.
    public var rolloutRevision: Int?
    /// The status to write; nil when unchanged.
    public var status: RolloutStatus?
    public var events: [PlannedEvent] = []
    /// Look again after this even if nothing changes (timed pauses, progress deadlines, restarts).
    public var requeueAfter: Duration?

    public init() {}

    /// True when the plan writes nothing.
    public var isEmpty: Bool {
        adopt.isEmpty && release.isEmpty && createReplicaSet == nil && revise == nil && scale.isEmpty
            && services.isEmpty
            && restarts.isEmpty && delete.isEmpty && rolloutRevision == nil && status == nil
    }

    /// Asks for another look after `delay`, keeping the earliest of several requests.
    mutating func requeue(after delay: Duration) {
        let delay = max(delay, .zero)
        requeueAfter = requeueAfter.map { min($0, delay) } ?? delay
    }
}

/// A ReplicaSet that gets a new `rollout.argoproj.io/revision`.
public struct ReplicaSetRevision: Sendable, Hashable {
    public var name: String
    public var revision: Int
}

/// Points a Service at the pods of one ReplicaSet through its `rollouts-pod-template-hash` selector.
public struct ServiceSwitch: Sendable, Hashable {
    public var service: String
    /// The hash the selector had (nil: none), for the event.
    public var from: String?
    public var to: String
    /// True the first time: also mark the Service as managed by this Rollout.
    public var markManaged: Bool
}

/// A pod to restart: deleted (with its uid as a precondition, so a replacement of the same name is
/// never touched) for its ReplicaSet to replace it. Deleted, not evicted: disruption budgets do not
/// apply yet.
public struct PodRestart: Sendable, Hashable {
    public var name: String
    public var uid: String?

    public init(name: String, uid: String?) {
        self.name = name
        self.uid = uid
    }
}

/// An Event the reconcile should record on the Rollout.
public struct PlannedEvent: Sendable, Hashable {
    public var warning: Bool
    public var reason: String
    public var message: String
    /// The write this event reports: it is recorded as soon as that write succeeds, even if a later
    /// write of the same plan fails (the next plan will not see the need for that write again).
    /// Nil for events that follow from the new status: those wait for the status write.
    public var write: PlannedWrite?

    public init(warning: Bool = false, reason: String, message: String, write: PlannedWrite? = nil) {
        self.warning = warning
        self.reason = reason
        self.message = message
        self.write = write
    }
}

/// A write of a plan that an event reports.
public enum PlannedWrite: Sendable, Hashable {
    case createReplicaSet
    case scale(replicaSet: String)
    case switchService(String)
}
