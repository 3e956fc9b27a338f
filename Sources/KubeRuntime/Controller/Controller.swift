public import KubeAPI
public import Logging
public import Metrics
public import ServiceLifecycle
import Synchronization

/// Runs a reconciler over the keys of a work queue with a pool of workers, only while this process
/// leads: when leadership is lost the workers stop taking keys and in-flight reconciles are
/// cancelled; when it is regained they start again. Failures are re-queued with backoff, counted
/// by reason, and a key that keeps failing raises a `RetryWarning` (log line + callback, which the
/// rollout controller turns into a Warning event) at most once per minute.
public final class Controller<R: Reconciler>: ServiceLifecycle.Service, Sendable {
    public let queue: WorkQueue<ObjectKey>
    private let reconciler: R
    private let workers: Int
    private let leadership: LeadershipGuard?
    private let clock: any Clock<Duration>
    private let elapsed: @Sendable () -> Duration
    private let logger: Logger
    private let factory: any MetricsFactory
    private let workDuration: Timer
    private let drainTimeout: Duration
    private let warnings: Mutex<RetryWarningPolicy>
    private let onRetryWarning: @Sendable (RetryWarning) async -> Void
    private let workersRunning = Atomic<Bool>(false)
    private let drained = Doorbell()

    /// - Parameters:
    ///   - leadership: the guard whose changes gate the workers; nil runs them unconditionally.
    ///   - drainTimeout: how long graceful shutdown waits for reconciles in flight before cancelling them.
    public init(
        name: String,
        reconciler: R,
        queue: WorkQueue<ObjectKey>,
        workers: Int = 10,
        leadership: LeadershipGuard?,
        retryWarnings: RetryWarningPolicy = RetryWarningPolicy(),
        drainTimeout: Duration = .seconds(10),
        clock: some Clock<Duration> = ContinuousClock(),
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "vane.controller"),
        onRetryWarning: @escaping @Sendable (RetryWarning) async -> Void = { _ in }
    ) {
        self.queue = queue
        self.reconciler = reconciler
        self.workers = max(1, workers)
        self.leadership = leadership
        self.clock = clock
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
        var logger = logger
        logger[metadataKey: LogKey.controller] = "\(name)"
        self.logger = logger
        self.factory = metricsFactory
        self.workDuration = Timer(
            label: MetricNames.workqueueWorkDuration,
            dimensions: [("name", name)],
            factory: metricsFactory
        )
        self.drainTimeout = drainTimeout
        self.warnings = Mutex(retryWarnings)
        self.onRetryWarning = onRetryWarning
    }

    public func run() async throws {
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await self.queue.run() }
                group.addTask { try await self.drainOnGracefulShutdown() }
                await self.workWhileLeading()
                group.cancelAll()
            }
        } catch is DrainFinished {
            return
        }
    }

    private struct DrainFinished: Error {}

    /// On graceful shutdown: stop handing out keys at once, give reconciles in flight a bounded time
    /// to finish, then end the controller (cancelling whatever is left) by throwing `DrainFinished`.
    private func drainOnGracefulShutdown() async throws {
        do { try await gracefulShutdown() } catch { return }
        queue.shutDown()
        if workersRunning.load(ordering: .acquiring) { await drained.wait(upTo: drainTimeout, clock: clock) }
        throw DrainFinished()
    }

    private func workWhileLeading() async {
        guard let leadership else {
            await runWorkers(while: nil)
            return
        }
        for await leading in leadership.changes() where leading {
            if queue.isShutDown { break }
            logger.info("leading: starting \(workers) workers", metadata: [LogKey.leaseTerm: "\(leadership.term)"])
            workersRunning.store(true, ordering: .releasing)
            await runWorkers(while: leadership)
            workersRunning.store(false, ordering: .releasing)
            drained.ring()
            if queue.isShutDown { break }
            logger.info("not leading: workers stopped, in-flight reconciles cancelled")
        }
    }

    /// Runs the workers until the queue shuts down or, with a guard, until leadership is lost
    /// (which cancels the reconciles in flight).
    private func runWorkers(while leadership: LeadershipGuard?) async {
        await withTaskGroup(of: Void.self) { group in
            if let leadership {
                group.addTask {
                    for await leading in leadership.changes() where !leading { break }
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { workers in
                    for _ in 0..<self.workers {
                        workers.addTask {
                            while let key = await self.queue.next() {
                                await self.process(key)
                                self.queue.done(key)
                            }
                        }
                    }
                }
            }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func process(_ key: ObjectKey) async {
        let start = elapsed()
        var logger = self.logger
        logger[metadataKey: LogKey.k8sKey] = "\(key)"
        do {
            let result = try await reconciler.reconcile(key)
            queue.forget(key)
            warnings.withLock { $0.reset(key) }
            if case .requeue(let delay) = result { queue.addAfter(key, delay: delay) }
        } catch {
            if Task.isCancelled {
                // Leadership lost or shutting down: the next leader (or this one, later) picks it up.
                queue.add(key)
                return
            }
            let classified = error as? any ClassifiedError
            let reason = classified?.reason ?? "unknown"
            queue.addRateLimited(key, cap: classified?.retryCap)
            if classified?.isRoutine == true {
                logger.debug("reconcile will be retried", metadata: [LogKey.errorKind: "\(reason)"])
            } else {
                Counter(label: MetricNames.reconcileErrors, dimensions: [("reason", reason)], factory: factory)
                    .increment()
                let failures = queue.failures(of: key)
                let now = elapsed()
                logger.debug(
                    "reconcile failed",
                    metadata: [
                        LogKey.errorKind: "\(reason)", LogKey.error: "\(error)",
                        LogKey.reconcileFailures: "\(failures)",
                    ]
                )
                if warnings.withLock({ $0.shouldWarn(key, failures: failures, at: now) }) {
                    let warning = RetryWarning(
                        key: key,
                        failures: failures,
                        reason: reason,
                        failingEndpoint: classified?.failingEndpoint,
                        error: "\(error)"
                    )
                    logger.warning("reconcile keeps failing", metadata: [LogKey.retryWarning: "\(warning)"])
                    await onRetryWarning(warning)
                }
            }
        }
        workDuration.record(duration: elapsed() - start)
    }
}
