public import Foundation
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging

/// Reconciles one Rollout: reads it, its ReplicaSets, the Services it names and (during a restart)
/// its Pods from the informers' caches only, asks the planner for a `Plan`, and has the
/// `PlanApplier` carry it out through a `FencedWriter` — only while this process leads.
///
/// A write that a dependency fails (TLS, a webhook, an aggregated API) is reported as a Warning
/// event and a log line naming the dependency, and remembered: the planner gets it as an input and
/// records it as the `ReplicaFailure/DependencyFailed` condition — at once, in a status-only plan,
/// and in every plan until one is applied in full.
public struct RolloutReconciler: Reconciler {
    public let rollouts: Informer<Rollout>
    public let replicaSets: Informer<ReplicaSet>
    public let services: Informer<Service>
    public let pods: Informer<Pod>
    private let applier: PlanApplier<FencedWriter>
    private let events: EventRecorder
    private let instanceID: String?
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let dependencyFailures = DependencyFailures()

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
        self.events = events
        self.instanceID = instanceID
        self.now = now
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
            dependencyFailures.forget(key)
            return .done
        }
        var input = input(for: rollout)
        input.dependencyFailure = dependencyFailures[key]
        let plan = RolloutPlanner.plan(input)
        do {
            try await applier.apply(plan, madeFrom: input) { event in await record(event, on: rollout) }
        } catch let error as KubeError where error.isDependencyFailure {
            let failure = DependencyFailure(error)
            dependencyFailures.remember(failure, for: key)
            await events.record(
                ObjectReference(to: rollout),
                type: .warning,
                reason: RolloutReason.dependencyFailed,
                message: failure.message
            )
            // Record the failure on the Rollout, if its status can be written at all (the failing
            // dependency may be the one in the way).
            input.dependencyFailure = failure
            do {
                try await applier.apply(RolloutPlanner.planAfterFailure(input), madeFrom: input) { _ in }
            } catch {
                logger.debug("could not record the dependency condition", metadata: ["error": "\(error)"])
            }
            logger.warning(
                "rollout blocked by a failing dependency",
                metadata: [
                    "rollout.key": "\(key)", "dependency": "\(failure.dependency)", "error": "\(error)",
                ]
            )
            throw error
        }
        // The dependency is back: the next plan drops its condition. When no write of this plan
        // wakes the Rollout, look again now rather than at the next resync.
        if dependencyFailures.forget(key), plan.isEmpty { return .requeue(after: .zero) }
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
}
