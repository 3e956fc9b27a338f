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
        let plan = CanaryPlanner.plan(rollout: rollout, replicaSets: owned, now: now())
        do {
            try await apply(plan, to: rollout)
        } catch let error as KubeError where error.isDependencyFailure {
            await events.record(
                ObjectReference(to: rollout), type: .warning, reason: "DependencyFailed",
                message: "\(error.failingEndpoint ?? "a dependency") failed: \(error.message); replica counts are held where they are until it recovers"
            )
            throw error
        }
        for event in plan.events {
            await events.record(ObjectReference(to: rollout), type: event.warning ? .warning : .normal, reason: event.reason, message: event.message)
        }
        return plan.requeueAfter.map { .requeue(after: $0) } ?? .done
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
