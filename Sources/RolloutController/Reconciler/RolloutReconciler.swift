public import Foundation
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging

/// Reconciles one Rollout: reads it and its ReplicaSets from the informers' caches only, asks the
/// planner for a `Plan`, and carries the plan out through the leadership guard — every write carries
/// a timeout that ends before another replica could lead. Status goes through the status
/// subresource with optimistic concurrency; ReplicaSet sizes change by merge patch.
public struct RolloutReconciler: Reconciler {
    public let rollouts: Informer<Rollout>
    public let replicaSets: Informer<ReplicaSet>
    private let client: KubeClient
    private let leadership: LeadershipGuard?
    private let events: EventRecorder
    private let instanceID: String?
    private let now: @Sendable () -> Date
    private let requestTimeout: Duration
    private let logger: Logger

    public static let instanceIDLabel = "argo-rollouts.argoproj.io/instance-id"

    public init(
        rollouts: Informer<Rollout>, replicaSets: Informer<ReplicaSet>, client: KubeClient, leadership: LeadershipGuard?,
        events: EventRecorder, instanceID: String? = nil, requestTimeout: Duration = .seconds(10),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "vane.controller")
    ) {
        self.rollouts = rollouts
        self.replicaSets = replicaSets
        self.client = client
        self.leadership = leadership
        self.events = events
        self.instanceID = instanceID
        self.now = now
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    /// Whether this controller handles `rollout` (instance-id sharding).
    public func handles(_ rollout: Rollout) -> Bool {
        rollout.metadata.labels?[Self.instanceIDLabel] == instanceID
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let rollout = rollouts.cache.get(key), handles(rollout), rollout.metadata.deletionTimestamp == nil else { return .done }
        let owned = replicaSets.cache.list(controlledBy: rollout.metadata.uid ?? "")
        var plan = CanaryPlanner.plan(rollout: rollout, replicaSets: owned, now: now())
        if rollout.status?.conditions?.contains(where: Self.isDependencyCondition) == true {
            // Try again as if the dependency were back; if it is not, the condition returns below.
            var status = plan.status ?? rollout.status ?? RolloutStatus()
            status.conditions?.removeAll(where: Self.isDependencyCondition)
            plan.status = status
        }
        do {
            try await apply(plan, to: rollout)
        } catch let error as KubeError where error.isDependencyFailure {
            let dependency = error.failingEndpoint ?? "a dependency"
            let message = "\(dependency) failed during \(error.verb): \(error.status?.message ?? error.message); replica counts are held where they are until it recovers"
            await events.record(ObjectReference(to: rollout), type: .warning, reason: "DependencyFailed", message: message)
            await recordDependencyCondition(on: rollout, message: message)
            logger.warning("rollout blocked by a failing dependency", metadata: ["rollout.key": "\(key)", "dependency": "\(dependency)", "error": "\(error)"])
            throw error
        }
        for event in plan.events {
            await events.record(ObjectReference(to: rollout), type: event.warning ? .warning : .normal, reason: event.reason, message: event.message)
        }
        return plan.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    static func isDependencyCondition(_ condition: RolloutCondition) -> Bool {
        condition.type == "ReplicaFailure" && condition.reason == "DependencyFailed"
    }

    /// Puts a `ReplicaFailure` condition naming the dependency on the Rollout, if the status can be
    /// written at all (the failing dependency may be the one in the way).
    private func recordDependencyCondition(on rollout: Rollout, message: String) async {
        var conditions = rollout.status?.conditions ?? []
        if conditions.contains(where: { Self.isDependencyCondition($0) && $0.message == message }) { return }
        conditions.removeAll(where: Self.isDependencyCondition)
        let time = KubeTime(now())
        conditions.append(RolloutCondition(type: "ReplicaFailure", status: "True", reason: "DependencyFailed", message: message, lastUpdateTime: time, lastTransitionTime: time))
        do {
            let patch: JSONValue = ["status": ["conditions": try KubeJSON.encodeValue(conditions)]]
            _ = try await client.patch(Rollout.resource, name: rollout.metadata.name ?? "", namespace: rollout.metadata.namespace,
                                       patch: patch, type: .merge, subresource: .status, timeout: try timeout())
        } catch {
            logger.debug("could not record the dependency condition", metadata: ["error": "\(error)"])
        }
    }

    private func timeout() throws -> Duration {
        guard let leadership else { return requestTimeout }
        return try leadership.writeTimeout(limit: requestTimeout)
    }

    private func apply(_ plan: Plan, to rollout: Rollout) async throws {
        let namespace = rollout.metadata.namespace
        if let created = plan.createReplicaSet {
            do {
                _ = try await client.create(created, namespace: namespace, timeout: try timeout())
            } catch let error as KubeError where error.kind == .alreadyExists {
                // Another write of ours already landed; the cache catches up.
            }
        }
        for (name, _, size) in plan.scale {
            let patch: JSONValue = [
                "metadata": ["annotations": [.init(stringLiteral: CanaryPlanner.desiredReplicasAnnotation): .string(String(rollout.spec.replicas ?? 1))]],
                "spec": ["replicas": .number(JSONNumber(size))],
            ]
            _ = try await client.patch(ReplicaSet.resource, name: name, namespace: namespace, patch: patch, type: .merge, timeout: try timeout())
        }
        for name in plan.delete {
            do {
                try await client.delete(ReplicaSet.resource, name: name, namespace: namespace, propagation: .background, timeout: try timeout())
            } catch let error as KubeError where error.kind == .notFound {}
        }
        if let status = plan.status {
            var updated = rollout
            updated.status = status
            _ = try await client.updateStatus(updated.withTypeMeta(), timeout: try timeout())
        }
    }
}
