public import FoundationEssentials
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging
public import Metrics
public import ServiceLifecycle

/// Assembles the AnalysisRun controller: informers for AnalysisRuns (this instance's shard) and
/// for the Jobs of Job metrics, the event handlers that turn changes into run keys (a Job that
/// finished wakes its run), the providers, and the worker pool gated on the leadership guard it is
/// given — the rollout controller's, so one lease fences both. A `Service`: `vane controller` adds
/// it to its service group beside the rollout controller.
///
/// Measurements are scheduled by timed requeues at the next measurement time; nothing polls. The
/// Job informer is not waited for: a cluster that does not serve Jobs only fails Job metrics.
public final class AnalysisControllerManager: ServiceLifecycle.Service, Sendable {
    public let runs: Informer<AnalysisRun>
    public let jobs: Informer<MetricJob>
    public let controller: Controller<AnalysisRunReconciler>
    public let configuration: AnalysisControllerConfiguration
    private let client: KubeClient
    private let http: ProviderHTTPClient

    /// - Parameters:
    ///   - leadership: the guard whose changes gate the workers and fence every write; nil runs
    ///     them unconditionally (a single replica, tests).
    ///   - identity: names this replica as the source of its events.
    public init(
        configuration: AnalysisControllerConfiguration,
        leadership: LeadershipGuard?,
        identity: String = "vane-controller",
        clock: some Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() },
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "vane.analysis")
    ) throws(KubeError) {
        self.configuration = configuration
        let client = try KubeClient(configuration: configuration.client, clock: clock, logger: logger)
        self.client = client
        runs = Informer<AnalysisRun>(
            client: client,
            namespace: configuration.namespace,
            labelSelector: configuration.runSelector,
            clock: clock,
            logger: logger
        )
        jobs = Informer<MetricJob>(
            client: client,
            namespace: configuration.namespace,
            labelSelector: JobProvider.runUIDLabel,
            clock: clock,
            logger: logger
        )
        let http = ProviderHTTPClient(clock: clock)
        self.http = http
        let fence = WriteFence(leadership: leadership, requestTimeout: configuration.client.requestTimeout)
        let providers = ProviderRegistry([
            PrometheusProvider(http: http),
            WebProvider(http: http),
            JobProvider(client: client, jobs: jobs.cache, fence: fence),
        ])
        let events = EventRecorder(
            client: client,
            component: "vane-controller",
            instance: identity,
            now: now,
            logger: logger
        )
        let reconciler = AnalysisRunReconciler(
            runs: runs,
            client: client,
            fence: fence,
            events: events,
            providers: providers,
            now: now,
            logger: logger
        )
        controller = Controller(
            name: "analysisruns",
            reconciler: reconciler,
            queue: WorkQueue<ObjectKey>(name: "analysisruns", clock: clock, metricsFactory: metricsFactory),
            workers: configuration.workers,
            leadership: leadership,
            drainTimeout: configuration.drainTimeout,
            clock: clock,
            metricsFactory: metricsFactory,
            logger: logger
        )
    }

    /// True once the run cache holds its first list.
    public var hasSynced: Bool { runs.hasSynced }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await cancelWhenGracefulShutdown { await self.runs.run() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.jobs.run() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.enqueueRuns() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.enqueueRunsOfFinishedJobs() } }
            group.addTask {
                try await self.runs.waitUntilSynced()
                try await self.controller.run()
            }
        }
        await http.shutdown()
        try? await client.shutdown()
    }

    /// Run events (our own status writes included) enqueue the run.
    private func enqueueRuns() async {
        for await event in runs.events() {
            controller.queue.add(event.object.key)
        }
    }

    /// A Job that completed or failed enqueues the run that owns it, so the measurement ends at
    /// once rather than at its next scheduled look.
    private func enqueueRunsOfFinishedJobs() async {
        for await event in jobs.events() {
            let job = event.object
            guard job.finishedCondition != nil else { continue }
            let namespace =
                job.metadata.annotations?[JobProvider.runNamespaceAnnotation] ?? job.metadata.namespace ?? ""
            let owner = job.metadata.controllerReference
            let name =
                owner?.kind == AnalysisRun.resource.kind
                ? owner?.name : job.metadata.annotations?[JobProvider.runNameAnnotation]
            if let name { controller.queue.add(ObjectKey(namespace: namespace, name: name)) }
        }
    }
}
