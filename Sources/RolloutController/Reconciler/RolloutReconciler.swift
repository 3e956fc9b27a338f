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
        var plan = CanaryPlanner.plan(input(for: rollout))
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
        await record(plan, after: nil, on: rollout)
        return plan.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    /// Records the plan's events that report `write` (nil: those that follow from the status).
    private func record(_ plan: Plan, after write: PlannedWrite?, on rollout: Rollout) async {
        for event in plan.events where event.write == write {
            await events.record(
                ObjectReference(to: rollout),
                type: event.warning ? .warning : .normal,
                reason: event.reason,
                message: event.message
            )
        }
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

    /// Carries out the plan, in the order of `Plan`'s fields.
    private func apply(_ plan: Plan, to rollout: Rollout) async throws {
        let namespace = rollout.metadata.namespace
        let owner = OwnerReference(
            apiVersion: Rollout.resource.apiVersion,
            kind: Rollout.resource.kind,
            name: rollout.metadata.name ?? "",
            uid: rollout.metadata.uid ?? "",
            controller: true,
            blockOwnerDeletion: true
        )
        for name in plan.adopt {
            try await changeOwners(of: name, in: namespace) { references in references + [owner] }
        }
        for name in plan.release {
            try await changeOwners(of: name, in: namespace) { references in references.filter { $0.uid != owner.uid } }
        }
        if let created = plan.createReplicaSet {
            do {
                _ = try await client.create(created, namespace: namespace, timeout: try timeout())
            } catch let error as KubeError where error.kind == .alreadyExists {
                // Another write of ours already landed; the cache catches up.
            }
            await record(plan, after: .createReplicaSet, on: rollout)
        }
        if let revise = plan.revise {
            let patch: JSONValue = [
                "metadata": [
                    "annotations": [
                        .init(stringLiteral: ArgoAnnotations.revision): .string(String(revise.revision))
                    ]
                ]
            ]
            _ = try await client.patch(
                ReplicaSet.resource,
                name: revise.name,
                namespace: namespace,
                patch: patch,
                type: .merge,
                timeout: try timeout()
            )
        }
        for (name, _, size) in plan.scale {
            let patch: JSONValue = [
                "metadata": [
                    "annotations": [
                        .init(stringLiteral: ArgoAnnotations.desiredReplicas): .string(
                            String(rollout.spec.replicas ?? 1)
                        )
                    ]
                ],
                "spec": ["replicas": .number(JSONNumber(size))],
            ]
            _ = try await client.patch(
                ReplicaSet.resource,
                name: name,
                namespace: namespace,
                patch: patch,
                type: .merge,
                timeout: try timeout()
            )
            await record(plan, after: .scale(replicaSet: name), on: rollout)
        }
        for change in plan.services {
            var patch: JSONValue = [
                "spec": ["selector": [.init(stringLiteral: ArgoLabels.podTemplateHash): .string(change.to)]]
            ]
            if change.markManaged {
                patch.setValue(
                    .string(rollout.metadata.name ?? ""),
                    at: ["metadata", "annotations", ArgoAnnotations.managedByRollouts]
                )
            }
            _ = try await client.patch(
                Service.resource,
                name: change.service,
                namespace: namespace,
                patch: patch,
                type: .merge,
                timeout: try timeout()
            )
            await record(plan, after: .switchService(change.service), on: rollout)
        }
        for eviction in plan.evictions {
            do {
                try await client.delete(
                    Pod.resource,
                    name: eviction.name,
                    namespace: namespace,
                    preconditionUID: eviction.uid,
                    timeout: try timeout()
                )
                logger.info(
                    "evicted pod for restart",
                    metadata: ["rollout.key": "\(rollout.key)", "k8s.name": "\(eviction.name)"]
                )
            } catch let error as KubeError where error.kind == .notFound || error.kind == .conflict {}
        }
        for name in plan.delete {
            do {
                try await client.delete(
                    ReplicaSet.resource,
                    name: name,
                    namespace: namespace,
                    propagation: .background,
                    timeout: try timeout()
                )
            } catch let error as KubeError where error.kind == .notFound {}
        }
        var current = rollout
        if let revision = plan.rolloutRevision {
            // Guarded by the version the plan was made from, so an operator's change is never overwritten.
            let patch: JSONValue = [
                "metadata": [
                    "resourceVersion": .string(rollout.metadata.resourceVersion ?? ""),
                    "annotations": [.init(stringLiteral: ArgoAnnotations.revision): .string(String(revision))],
                ]
            ]
            current = try await client.patch(
                Rollout.self,
                name: rollout.metadata.name ?? "",
                namespace: namespace,
                patch: patch,
                type: .merge,
                timeout: try timeout()
            )
            current.status = rollout.status
        }
        if let status = plan.status {
            current.status = status
            _ = try await client.updateStatus(current.withTypeMeta(), timeout: try timeout())
        }
    }

    /// Rewrites a ReplicaSet's owner references, guarded by the version the plan saw, so two
    /// Rollouts can never both adopt it.
    private func changeOwners(
        of name: String,
        in namespace: String?,
        _ change: ([OwnerReference]) -> [OwnerReference]
    ) async throws {
        guard let replicaSet = replicaSets.cache.get(ObjectKey(namespace: namespace ?? "", name: name)) else { return }
        let references = change(replicaSet.metadata.ownerReferences ?? [])
        let patch: JSONValue = [
            "metadata": [
                "resourceVersion": .string(replicaSet.metadata.resourceVersion ?? ""),
                "ownerReferences": references.isEmpty ? .null : try KubeJSON.encodeValue(references),
            ]
        ]
        _ = try await client.patch(
            ReplicaSet.resource,
            name: name,
            namespace: namespace,
            patch: patch,
            type: .merge,
            timeout: try timeout()
        )
    }
}
