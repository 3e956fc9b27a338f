public import Foundation
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging

/// Reconciles one Rollout: reads it, its ReplicaSets, the Services it names and (during a restart)
/// its Pods from the informers' caches only, asks the planner for a `Plan`, and carries the plan out
/// through the leadership guard — every write carries a timeout that ends before another replica
/// could lead. Writes that must not race an operator carry the `resourceVersion` they were planned
/// from; status goes through the status subresource the same way.
public struct RolloutReconciler: Reconciler {
    public let rollouts: Informer<Rollout>
    public let replicaSets: Informer<ReplicaSet>
    public let services: Informer<Service>
    public let pods: Informer<Pod>
    private let client: KubeClient
    private let leadership: LeadershipGuard?
    private let applier: PlanApplier<FencedWriter>
    private let events: EventRecorder
    private let instanceID: String?
    private let now: @Sendable () -> Date
    private let requestTimeout: Duration
    private let logger: Logger

    public init(
        rollouts: Informer<Rollout>,
        replicaSets: Informer<ReplicaSet>,
        services: Informer<Service>,
        pods: Informer<Pod>,
        client: KubeClient,
        leadership: LeadershipGuard?,
        events: EventRecorder,
        instanceID: String? = nil,
        requestTimeout: Duration = .seconds(10),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "vane.controller")
    ) {
        self.rollouts = rollouts
        self.replicaSets = replicaSets
        self.services = services
        self.pods = pods
        self.client = client
        self.leadership = leadership
        self.events = events
        self.instanceID = instanceID
        self.now = now
        self.requestTimeout = requestTimeout
        self.logger = logger
        self.applier = PlanApplier(
            writer: FencedWriter(client: client, leadership: leadership, requestTimeout: requestTimeout),
            logger: logger
        )
    }

    /// Whether this controller handles `rollout` (instance-id sharding).
    public func handles(_ rollout: Rollout) -> Bool {
        rollout.metadata.labels?[ArgoLabels.instanceID] == instanceID
    }

    /// What the planner needs about `rollout`, from the caches.
    public func input(for rollout: Rollout) -> PlannerInput {
        let namespace = rollout.metadata.namespace ?? ""
        let owned = replicaSets.cache.list(controlledBy: rollout.metadata.uid ?? "")
        let named = PlannerInput.serviceNames(of: rollout).compactMap { name in
            services.cache.get(ObjectKey(namespace: namespace, name: name)).map { (name, $0) }
        }
        let pods =
            PlannerInput.needsPods(rollout)
            ? owned.flatMap { self.pods.cache.list(controlledBy: $0.metadata.uid ?? "") } : []
        return PlannerInput(
            rollout: rollout,
            replicaSets: owned,
            orphans: replicaSets.cache.list(unownedIn: namespace),
            services: Dictionary(named) { first, _ in first },
            pods: pods,
            now: now()
        )
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let rollout = rollouts.cache.get(key), handles(rollout), rollout.metadata.deletionTimestamp == nil else {
            return .done
        }
        let input = input(for: rollout)
        var plan = CanaryPlanner.plan(input)
        if rollout.status?.conditions?.contains(where: Self.isDependencyCondition) == true {
            // Try again as if the dependency were back; if it is not, the condition returns below.
            var status = plan.status ?? rollout.status ?? RolloutStatus()
            status.conditions?.removeAll(where: Self.isDependencyCondition)
            plan.status = status
        }
        do {
            try await applier.apply(plan, madeFrom: input) { event in await record(event, on: rollout) }
        } catch let error as KubeError where error.isDependencyFailure {
            let dependency = error.failingEndpoint ?? "a dependency"
            let message =
                "\(dependency) failed during \(error.verb): \(error.status?.message ?? error.message); "
                + "replica counts are held where they are until it recovers"
            await events.record(
                ObjectReference(to: rollout),
                type: .warning,
                reason: RolloutReason.dependencyFailed,
                message: message
            )
            await recordDependencyCondition(on: rollout, message: message)
            logger.warning(
                "rollout blocked by a failing dependency",
                metadata: [
                    "rollout.key": "\(key)", "dependency": "\(dependency)", "error": "\(error)",
                ]
            )
            throw error
        }
        return plan.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    private func record(_ event: PlannedEvent, on rollout: Rollout) async {
        await events.record(
            ObjectReference(to: rollout),
            type: event.warning ? .warning : .normal,
            reason: event.reason,
            message: event.message
        )
    }

    static func isDependencyCondition(_ condition: RolloutCondition) -> Bool {
        condition.type == RolloutConditionType.replicaFailure && condition.reason == RolloutReason.dependencyFailed
    }

    /// Puts a `ReplicaFailure` condition naming the dependency on the Rollout, if the status can be
    /// written at all (the failing dependency may be the one in the way).
    private func recordDependencyCondition(on rollout: Rollout, message: String) async {
        var conditions = rollout.status?.conditions ?? []
        if conditions.contains(where: { Self.isDependencyCondition($0) && $0.message == message }) { return }
        conditions.removeAll(where: Self.isDependencyCondition)
        let time = KubeTime(now())
        conditions.append(
            RolloutCondition(
                type: RolloutConditionType.replicaFailure,
                status: "True",
                reason: RolloutReason.dependencyFailed,
                message: message,
                lastUpdateTime: time,
                lastTransitionTime: time
            )
        )
        do {
            let patch: JSONValue = ["status": ["conditions": try KubeJSON.encodeValue(conditions)]]
            _ = try await client.patch(
                Rollout.resource,
                name: rollout.metadata.name ?? "",
                namespace: rollout.metadata.namespace,
                patch: patch,
                type: .merge,
                subresource: .status,
                timeout: try timeout()
            )
        } catch {
            logger.debug("could not record the dependency condition", metadata: ["error": "\(error)"])
        }
    }

    private func timeout() throws -> Duration {
        guard let leadership else { return requestTimeout }
        return try leadership.writeTimeout(limit: requestTimeout)
    }
}
