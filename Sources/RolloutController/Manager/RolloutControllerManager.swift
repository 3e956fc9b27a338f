public import Foundation
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging
public import Metrics
public import ServiceLifecycle

/// Assembles one controller process: informers for Rollouts, ReplicaSets, Services and the Pods of
/// rollouts (running from start-up, so a follower's caches are warm), the event handlers that turn
/// changes into rollout keys, the leader elector, and the worker pool gated on leadership. A
/// `Service`: it runs until shut down.
///
/// On graceful shutdown the elector releases the lease at once (revoking the guard, which cancels
/// reconciles in flight: their writes are fenced anyway), so a follower takes over in one round trip.
public final class RolloutControllerManager: ServiceLifecycle.Service, Sendable {
    public let rollouts: Informer<Rollout>
    public let replicaSets: Informer<ReplicaSet>
    public let services: Informer<KubeAPI.Service>
    /// Only pods made by rollouts (they carry `rollouts-pod-template-hash`); read during restarts.
    public let pods: Informer<Pod>
    public let elector: LeaderElector?
    public let controller: Controller<RolloutReconciler>
    public let configuration: RolloutControllerConfiguration
    private let client: KubeClient
    private let logger: Logger

    public init(
        configuration: RolloutControllerConfiguration,
        clock: some Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() },
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "vane.controller")
    ) throws(KubeError) {
        self.configuration = configuration
        self.logger = logger
        let client = try KubeClient(configuration: configuration.client, clock: clock, logger: logger)
        self.client = client
        rollouts = Informer<Rollout>(client: client, namespace: configuration.namespace, clock: clock, logger: logger)
        replicaSets = Informer<ReplicaSet>(
            client: client,
            namespace: configuration.namespace,
            clock: clock,
            logger: logger
        )
        services = Informer<KubeAPI.Service>(
            client: client,
            namespace: configuration.namespace,
            clock: clock,
            logger: logger
        )
        pods = Informer<Pod>(
            client: client,
            namespace: configuration.namespace,
            labelSelector: ArgoLabels.podTemplateHash,
            clock: clock,
            logger: logger
        )
        elector = configuration.leaderElection.map {
            LeaderElector(
                configuration: $0,
                clientConfiguration: configuration.client,
                clock: clock,
                now: now,
                metricsFactory: metricsFactory,
                logger: logger
            )
        }
        let identity = configuration.leaderElection?.identity ?? ProcessInfo.processInfo.hostName
        let events = EventRecorder(
            client: client,
            component: "vane-controller",
            instance: identity,
            now: now,
            logger: logger
        )
        let reconciler = RolloutReconciler(
            rollouts: rollouts,
            replicaSets: replicaSets,
            services: services,
            pods: pods,
            client: client,
            leadership: elector?.leadershipGuard,
            events: events,
            instanceID: configuration.instanceID,
            requestTimeout: configuration.client.requestTimeout,
            now: now,
            logger: logger
        )
        let queue = WorkQueue<ObjectKey>(name: "rollouts", clock: clock, metricsFactory: metricsFactory)
        let rollouts = self.rollouts
        controller = Controller(
            name: "rollouts",
            reconciler: reconciler,
            queue: queue,
            workers: configuration.workers,
            leadership: elector?.leadershipGuard,
            retryWarnings: RetryWarningPolicy(threshold: configuration.syncRetryWarning),
            drainTimeout: configuration.drainTimeout,
            clock: clock,
            metricsFactory: metricsFactory,
            logger: logger,
            onRetryWarning: { warning in
                guard let rollout = rollouts.cache.get(warning.key) else { return }
                await events.record(
                    ObjectReference(to: rollout),
                    type: .warning,
                    reason: RolloutReason.syncRetrying,
                    message: warning.description
                )
            }
        )
    }

    /// True once every cache holds its first list.
    public var hasSynced: Bool { rollouts.hasSynced && replicaSets.hasSynced && services.hasSynced && pods.hasSynced }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await cancelWhenGracefulShutdown { await self.rollouts.run() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.replicaSets.run() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.services.run() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.pods.run() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.enqueueRollouts() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.enqueueOwners() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.enqueueServiceUsers() } }
            if let elector {
                group.addTask { try await elector.run() }
            }
            group.addTask {
                // Reconcile only from warm caches.
                try await self.rollouts.waitUntilSynced()
                try await self.replicaSets.waitUntilSynced()
                try await self.services.waitUntilSynced()
                try await self.pods.waitUntilSynced()
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

    /// ReplicaSet events enqueue the Rollout that controls them; an orphan enqueues the Rollouts of
    /// its namespace whose selector matches it (they may adopt it).
    private func enqueueOwners() async {
        for await event in replicaSets.events() {
            let replicaSet = event.object
            let namespace = replicaSet.metadata.namespace ?? ""
            if let owner = replicaSet.metadata.controllerReference {
                guard owner.kind == Rollout.resource.kind else { continue }
                controller.queue.add(ObjectKey(namespace: namespace, name: owner.name))
            } else if case .deleted = event {
                continue
            } else {
                let labels = replicaSet.metadata.labels ?? [:]
                for rollout in rollouts.cache.list(namespace: namespace)
                where rollout.spec.selector.flatMap({ try? Selector($0) }).map({
                    !$0.isEverything && $0.matches(labels)
                }) ?? false {
                    controller.queue.add(rollout.key)
                }
            }
        }
    }

    /// Service events enqueue the Rollouts of the namespace that name the Service.
    private func enqueueServiceUsers() async {
        for await event in services.events() {
            let namespace = event.object.metadata.namespace ?? ""
            let name = event.object.metadata.name ?? ""
            for rollout in rollouts.cache.list(namespace: namespace)
            where PlannerInput.serviceNames(of: rollout).contains(name) {
                controller.queue.add(rollout.key)
            }
        }
    }
}
