public import Foundation
import KubeAPI
public import KubeClient
public import Logging
public import Metrics
public import ServiceLifecycle
import Synchronization

/// Holds a client-go-compatible `coordination.k8s.io/v1` Lease so that exactly one replica leads,
/// and steps down — instead of exiting — when it cannot renew in time (spec/leader-election.md).
///
/// It talks to the API server through a client of its own (own connection pool, own rate limit,
/// per-attempt timeout of one retry period), so a busy controller cannot starve its renewals. The
/// decisions live in `LeaseStateMachine`; this type only does the I/O, keeps `leadershipGuard` up to
/// date, watches the Lease so followers react to a release at once, and releases on shutdown.
public final class LeaderElector: ServiceLifecycle.Service, Sendable {
    public let configuration: LeaderElectionConfiguration
    /// The fence for every write the controller makes.
    public let leadershipGuard: LeadershipGuard

    private let clientConfiguration: ClientConfiguration
    private let makeClient: @Sendable () throws(KubeError) -> KubeClient
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let random: @Sendable () -> Double
    private let logger: Logger
    private let metrics: LeaderMetrics
    private let machine: Mutex<LeaseStateMachine>
    private let doorbell = Doorbell()
    private let lastRound = Mutex<Duration?>(nil)

    /// - Parameters:
    ///   - clientConfiguration: where the API server is and how to authenticate; the elector makes
    ///     its own client from it, with a request timeout of one retry period and its own rate limit.
    ///   - clock: monotonic time for deadlines and retries; `now` only fills Lease timestamps.
    public init(
        configuration: LeaderElectionConfiguration,
        clientConfiguration: ClientConfiguration,
        clock: some Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "vane.leader")
    ) {
        self.configuration = configuration
        var leaseClient = clientConfiguration
        leaseClient.requestTimeout = configuration.retryPeriod
        leaseClient.qps = 20
        leaseClient.burst = 20
        leaseClient.userAgent = clientConfiguration.userAgent + " leader-election"
        self.clientConfiguration = leaseClient
        let finalConfiguration = leaseClient
        self.makeClient = { () throws(KubeError) in
            try KubeClient(configuration: finalConfiguration, clock: clock, logger: logger)
        }
        self.clock = clock
        self.now = now
        self.random = random
        var logger = logger
        logger[metadataKey: LogKey.leaseHolder] = "\(configuration.identity)"
        self.logger = logger
        self.metrics = LeaderMetrics(factory: metricsFactory)
        self.leadershipGuard = LeadershipGuard(clock: clock)
        self.machine = Mutex(LeaseStateMachine(configuration: configuration))
    }

    /// Campaigns, leads and follows until graceful shutdown (then releases the lease if held) or
    /// cancellation. Throws `LeadershipLostError` only with `exitOnLostLeadership`.
    public func run() async throws {
        let client = try makeClient()
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await self.watchLease(client) }
                try await cancelWhenGracefulShutdown { try await self.campaign(client) }
                group.cancelAll()
            }
        } catch is CancellationError {
            // Graceful shutdown cancels only the campaign: release below. If this task itself was
            // cancelled, the process is going away abruptly, like a crash: leave the lease to expire.
            if Task.isCancelled {
                leadershipGuard.revoke()
                leadershipGuard.finish()
                try? await client.shutdown()
                return
            }
        } catch {
            await finish(client)
            throw error
        }
        await finish(client)
    }

    private func finish(_ client: KubeClient) async {
        await release(client)
        leadershipGuard.revoke()
        leadershipGuard.finish()
        metrics.leader.record(0)
        try? await client.shutdown()
    }

    /// How long since the campaign loop last began a round (nil before it starts). A healthy loop
    /// begins one at least every retry period plus one attempt timeout; much more means it is wedged.
    public var silence: Duration? {
        lastRound.withLock { $0 }.map { elapsed - $0 }
    }

    // MARK: Campaign

    private var elapsed: Duration { leadershipGuard.now }

    private func campaign(_ client: KubeClient) async throws {
        var failures: [String] = []
        var reading = true
        while !Task.isCancelled {
            let start = elapsed
            lastRound.withLock { $0 = start }
            let outcome = await attempt(client, read: reading)
            reading = true
            switch outcome {
            case .wrote(let gained, let previousRenewStart):
                failures.removeAll()
                renewed(start: start, gained: gained, previousRenewStart: previousRenewStart)
            case .waited:
                break
            case .failed(let error, _) where error.kind == .cancelled:
                // Shutting down: the caller releases the lease; a cancelled call is no failed renewal.
                break
            case .failed(let error, let reason):
                metrics.renewFailed(reason: reason)
                failures.append("\(reason) (\(error.description))")
                if failures.count > 10 { failures.removeFirst() }
                if machine.withLock({ $0.writeFailed(at: elapsed) }) {
                    try stepDown(
                        because:
                            "no renewal succeeded within the \(configuration.renewDeadline) renew deadline; failed attempts: \(failures.joined(separator: "; "))"
                    )
                } else {
                    logger.debug(
                        "lease attempt failed",
                        metadata: [LogKey.errorKind: "\(reason)", LogKey.error: "\(error)"]
                    )
                }
            case .lost(let holder):
                try stepDown(because: "the lease was taken by \(holder.isEmpty ? "nobody (released)" : holder)")
            }
            let delay = nextDelay(after: start)
            if await doorbell.wait(upTo: delay, clock: clock) {
                // The watch saw the Lease change and already fed it to the state machine.
                reading = false
            }
        }
    }

    private enum Outcome {
        case wrote(gained: Bool, previousRenewStart: Duration?)
        case waited
        case failed(KubeError, reason: String)
        case lost(holder: String)
    }

    /// One read-decide-write round. A leader skips the read and renews over the version it last
    /// wrote; a conflict sends it back to reading.
    private func attempt(_ client: KubeClient, read: Bool) async -> Outcome {
        let requestStart = elapsed
        let lease = configuration.leaseName
        let namespace = configuration.leaseNamespace
        do {
            let leading = machine.withLock { $0.lastRenewStart != nil && $0.observed != nil }
            if read && !leading {
                let current: Lease?
                do {
                    current = try await client.get(Lease.self, name: lease, namespace: namespace)
                } catch  where error.kind == .notFound {
                    current = nil
                }
                let instant = elapsed
                machine.withLock { $0.observe(current, at: instant) }
            }
            let decision = machine.withLock { $0.decide(at: elapsed, wallClock: now()) }
            let previousRenewStart = machine.withLock { $0.lastRenewStart }
            let written: Lease
            switch decision {
            case .wait:
                return .waited
            case .create(let spec):
                written = try await client.create(
                    Lease(metadata: ObjectMeta(name: lease, namespace: namespace), spec: spec)
                )
            case .update(let spec, let version):
                var object =
                    machine.withLock { $0.observed } ?? Lease(metadata: ObjectMeta(name: lease, namespace: namespace))
                object.metadata.resourceVersion = version
                object.spec = spec
                written = try await client.update(object.withTypeMeta())
            }
            let instant = elapsed
            let gained = machine.withLock { $0.writeSucceeded(written, requestStart: requestStart, at: instant) }
            return .wrote(gained: gained, previousRenewStart: previousRenewStart)
        } catch {
            switch error.kind {
            case .conflict, .alreadyExists:
                // Someone else wrote first: read what they wrote; it decides whether we still lead.
                let current = try? await client.get(Lease.self, name: lease, namespace: namespace)
                let instant = elapsed
                if machine.withLock({ $0.lostTo(current, at: instant) }) {
                    return .lost(holder: current?.spec?.holderIdentity ?? "")
                }
                return .failed(error, reason: "conflict")
            default:
                return .failed(error, reason: Self.reason(error))
            }
        }
    }

    private func renewed(start: Duration, gained: Bool, previousRenewStart: Duration?) {
        let finished = elapsed
        let renewDeadline = configuration.renewDeadline
        guard let renewStart = machine.withLock({ $0.lastRenewStart }) else { return }
        leadershipGuard.extend(
            renewStart: renewStart,
            renewDeadline: renewDeadline,
            leaseDuration: configuration.leaseDuration
        )
        metrics.renewDuration.record(duration: finished - start)
        if gained {
            metrics.leader.record(1)
            metrics.transitions.increment()
            logger.info(
                "became leader",
                metadata: [
                    LogKey.leaseName: "\(configuration.leaseNamespace)/\(configuration.leaseName)",
                    LogKey.leaseTerm: "\(leadershipGuard.term)",
                ]
            )
            return
        }
        guard let previousRenewStart else { return }
        // How much of the renew deadline this renewal consumed, counted from the last success.
        let used = finished - previousRenewStart
        let margin = renewDeadline - used
        metrics.margin.record(margin.inSeconds)
        if used > renewDeadline / 2 {
            let latency = finished - start
            let suggestedDeadline = Duration.seconds(Int((used.inSeconds * 2).rounded(.up)))
            logger.warning(
                "lease renewal used more than half the renew deadline",
                metadata: [
                    LogKey.renewalUsed: "\(used)", LogKey.renewalLatency: "\(latency)",
                    LogKey.renewalMargin: "\(margin)",
                    LogKey.renewalSuggestion:
                        "--leader-election-renew-deadline=\(Int(max(suggestedDeadline, renewDeadline).inSeconds))s --leader-election-lease-duration=\(Int(max(suggestedDeadline, renewDeadline).inSeconds * 1.5))s",
                ]
            )
        }
    }

    private func stepDown(because reason: String) throws {
        leadershipGuard.revoke()
        metrics.leader.record(0)
        logger.warning("lost leadership: \(reason); stepping down and campaigning again")
        if configuration.exitOnLostLeadership { throw LeadershipLostError(reason: reason) }
    }

    /// Leaders renew one retry period after the last attempt began; followers wait a jittered retry
    /// period, or less when the current lease expires sooner.
    private func nextDelay(after start: Duration) -> Duration {
        let (delay, takeover) = machine.withLock { machine in
            (machine.retryDelay(random: random()), machine.lastRenewStart == nil ? machine.takeoverTime() : nil)
        }
        var wakeAt = start + delay
        if let takeover { wakeAt = min(wakeAt, takeover) }
        return max(wakeAt - elapsed, .zero)
    }

    // MARK: Watch and release

    /// Follows the Lease so a release or takeover is seen at once, not at the next poll.
    private func watchLease(_ client: KubeClient) async {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30))
        while !Task.isCancelled {
            do {
                let stream = try await client.watch(
                    Lease.self,
                    namespace: configuration.leaseNamespace,
                    fieldSelector: "metadata.name=\(configuration.leaseName)",
                    timeoutSeconds: 300
                )
                for try await update in stream {
                    backoff.reset()
                    let lease: Lease?
                    switch update {
                    case .added(let object), .modified(let object): lease = object
                    case .deleted: lease = nil
                    case .bookmark: continue
                    }
                    let instant = elapsed
                    let wake = machine.withLock { machine -> Bool in
                        // Only followers act on what they watch; a leader's own writes come back here too.
                        guard machine.lastRenewStart == nil else { return false }
                        machine.observe(lease, at: instant)
                        return lease?.spec?.holderIdentity?.isEmpty ?? true
                    }
                    if wake { doorbell.ring() }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("lease watch failed", metadata: [LogKey.error: "\(error)"])
                do { try await clock.sleep(for: backoff.next()) } catch { return }
            }
        }
    }

    /// Gives the lease up at shutdown — only if it still names us, so a lease another replica has
    /// already taken is never cleared.
    private func release(_ client: KubeClient) async {
        guard machine.withLock({ $0.lastRenewStart != nil }) else { return }
        leadershipGuard.revoke()
        do {
            let current = try await client.get(
                Lease.self,
                name: configuration.leaseName,
                namespace: configuration.leaseNamespace
            )
            let instant = elapsed
            machine.withLock { $0.observe(current, at: instant) }
            guard let (spec, version) = machine.withLock({ $0.releaseSpec(wallClock: self.now()) }) else {
                logger.info("not releasing the lease: another replica holds it")
                return
            }
            var released = current
            released.spec = spec
            released.metadata.resourceVersion = version
            _ = try await client.update(released.withTypeMeta())
            logger.info("released the lease")
        } catch {
            logger.warning(
                "could not release the lease; followers take over when it expires",
                metadata: [LogKey.error: "\(error)"]
            )
        }
    }

    private static func reason(_ error: KubeError) -> String {
        switch error.kind {
        case .timeout: "timeout"
        case .conflict: "conflict"
        case .tls: "tls"
        case .unreachable: "unreachable"
        default: "server"
        }
    }
}

/// Leadership was lost and the process was asked to exit (`--exit-on-lost-leadership`).
public struct LeadershipLostError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "lost leadership: \(reason)" }
}
