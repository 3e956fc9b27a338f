public import Foundation
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging
public import Metrics
public import ServiceLifecycle

/// Assembles one controller process: informers for Rollouts and ReplicaSets (running from start-up,
/// so a follower's caches are warm), the event handlers that turn changes into rollout keys, the
/// leader elector, and the worker pool gated on leadership. A `Service`: it runs until shut down.
///
/// On graceful shutdown the elector releases the lease at once (revoking the guard, which cancels
/// reconciles in flight: their writes are fenced anyway), so a follower takes over in one round trip.
public final class RolloutControllerManager: ServiceLifecycle.Service, Sendable {
    public let rollouts: Informer<Rollout>
    public let replicaSets: Informer<ReplicaSet>
    public let elector: LeaderElector?
    public let controller: Controller<RolloutReconciler>
    public let configuration: RolloutControllerConfiguration
    private let client: KubeClient
    private let logger: Logger

    public init(
        configuration: RolloutControllerConfiguration, clock: some Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "vane.controller")
    ) throws(KubeError) {
        self.configuration = configuration
        self.logger = logger
        let client = try KubeClient(configuration: configuration.client, clock: clock, logger: logger)
        self.client = client
        rollouts = Informer<Rollout>(client: client, namespace: configuration.namespace, clock: clock, logger: logger)
        replicaSets = Informer<ReplicaSet>(client: client, namespace: configuration.namespace, clock: clock, logger: logger)
        elector = configuration.leaderElection.map {
            LeaderElector(configuration: $0, clientConfiguration: configuration.client, clock: clock, now: now, metricsFactory: metricsFactory, logger: logger)
        }
        let identity = configuration.leaderElection?.identity ?? ProcessInfo.processInfo.hostName
        let events = EventRecorder(client: client, component: "vane-controller", instance: identity, now: now, logger: logger)
        let reconciler = RolloutReconciler(
            rollouts: rollouts, replicaSets: replicaSets, client: client, leadership: elector?.leadershipGuard,
            events: events, instanceID: configuration.instanceID, requestTimeout: configuration.client.requestTimeout, now: now, logger: logger
        )
        let queue = WorkQueue<ObjectKey>(name: "rollouts", clock: clock, metricsFactory: metricsFactory)
        let rollouts = self.rollouts
        controller = Controller(
            name: "rollouts", reconciler: reconciler, queue: queue, workers: configuration.workers, leadership: elector?.leadershipGuard,
            retryWarnings: RetryWarningPolicy(threshold: configuration.syncRetryWarning), drainTimeout: configuration.drainTimeout,
            clock: clock, metricsFactory: metricsFactory, logger: logger,
            onRetryWarning: { warning in
                guard let rollout = rollouts.cache.get(warning.key) else { return }
                await events.record(ObjectReference(to: rollout), type: .warning, reason: "SyncRetrying", message: warning.description)
            }
        )
    }

    /// True once both caches hold their first list.
    public var hasSynced: Bool { rollouts.hasSynced && replicaSets.hasSynced }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await cancelWhenGracefulShutdown { await self.rollouts.run() } }
            group.addTask { try await cancelWhenGracefulShutdown { await self.replicaSets.run() } }
            group.addTask { try await cancelWhenGracefulShutdown { await self.enqueueRollouts() } }
            group.addTask { try await cancelWhenGracefulShutdown { await self.enqueueOwners() } }
            if let elector {
                group.addTask { try await elector.run() }
            }
            group.addTask {
                // Reconcile only from warm caches.
                try await self.rollouts.waitUntilSynced()
                try await self.replicaSets.waitUntilSynced()
                try await self.controller.run()
            }
        }
        try? await client.shutdown()
    }

    /// Rollout events (resyncs included) enqueue the Rollout.
    private func enqueueRollouts() async {
        for await event in rollouts.events() {
            controller.queue.add(event.object.key)
        }
    }

    /// ReplicaSet events enqueue the Rollout that controls them.
    private func enqueueOwners() async {
        for await event in replicaSets.events() {
            let replicaSet = event.object
            guard let owner = replicaSet.metadata.controllerReference, owner.kind == "Rollout" else { continue }
            controller.queue.add(ObjectKey(namespace: replicaSet.metadata.namespace ?? "", name: owner.name))
        }
    }
}
