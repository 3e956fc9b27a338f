public import Foundation
public import KubeAPI

/// The decisions of leader election as a value type, free of I/O so every rule is unit-tested with
/// plain numbers. Time is monotonic `Duration` since an arbitrary origin (the elector's clock);
/// wall-clock dates are only written into the Lease for other tools to read, never trusted.
///
/// The shell feeds it what it reads and the outcome of what it writes, and asks what to do next.
public struct LeaseStateMachine: Sendable {
    public enum Decision: Hashable, Sendable {
        /// No Lease exists: create one naming us.
        case create(LeaseSpec)
        /// Write this spec over the Lease at this version: a renewal, or an acquisition of a free or expired lease.
        case update(LeaseSpec, resourceVersion: String)
        /// Someone else holds a live lease: look again later.
        case wait
    }

    public let configuration: LeaderElectionConfiguration
    /// The last Lease read or written, and its version.
    public private(set) var observed: Lease?
    /// When this process first saw the current record (monotonic); expiry is measured from here,
    /// never from the timestamps another node wrote, so clock skew does not matter.
    public private(set) var observedAt: Duration?
    /// Start of the last successful acquire/renew request while leading; nil when following.
    public private(set) var lastRenewStart: Duration?

    public init(configuration: LeaderElectionConfiguration) {
        self.configuration = configuration
    }

    private var identity: String { configuration.identity }

    /// Records a read of the Lease (nil: it does not exist).
    public mutating func observe(_ lease: Lease?, at now: Duration) {
        if lease?.spec != observed?.spec || lease == nil || observed == nil {
            observedAt = now
        }
        observed = lease
    }

    /// What to do now. `wallClock` only fills the Lease's timestamps.
    public func decide(at now: Duration, wallClock: Date) -> Decision {
        guard let lease = observed else {
            return .create(
                LeaseSpec(
                    holderIdentity: identity,
                    leaseDurationSeconds: leaseSeconds,
                    acquireTime: MicroTime(wallClock),
                    renewTime: MicroTime(wallClock),
                    leaseTransitions: 0
                )
            )
        }
        let version = lease.metadata.resourceVersion ?? ""
        var spec = lease.spec ?? LeaseSpec()
        let holder = spec.holderIdentity ?? ""
        if holder == identity {
            spec.renewTime = MicroTime(wallClock)
            spec.leaseDurationSeconds = leaseSeconds
            return .update(spec, resourceVersion: version)
        }
        guard holder.isEmpty || isExpired(spec, at: now) else { return .wait }
        spec.holderIdentity = identity
        spec.leaseDurationSeconds = leaseSeconds
        spec.acquireTime = MicroTime(wallClock)
        spec.renewTime = MicroTime(wallClock)
        spec.leaseTransitions = (spec.leaseTransitions ?? 0) + 1
        return .update(spec, resourceVersion: version)
    }

    /// A write (create or update) that began at `requestStart` succeeded and returned `written`.
    /// Returns true when this write made us leader (we were not before).
    @discardableResult
    public mutating func writeSucceeded(_ written: Lease, requestStart: Duration, at now: Duration) -> Bool {
        let wasLeading = lastRenewStart != nil
        observe(written, at: now)
        guard written.spec?.holderIdentity == identity else {
            lastRenewStart = nil
            return false
        }
        lastRenewStart = requestStart
        return !wasLeading
    }

    /// A write failed or timed out. Returns true when this ends our leadership: no renewal has
    /// succeeded within the renew deadline.
    public mutating func writeFailed(at now: Duration) -> Bool {
        guard let lastRenewStart, now >= lastRenewStart + configuration.renewDeadline else { return false }
        self.lastRenewStart = nil
        return true
    }

    /// Another writer changed the Lease under us (a conflict): if it no longer names us, we follow.
    /// Returns true when this ends our leadership.
    public mutating func lostTo(_ lease: Lease?, at now: Duration) -> Bool {
        observe(lease, at: now)
        guard lastRenewStart != nil, lease?.spec?.holderIdentity != identity else { return false }
        lastRenewStart = nil
        return true
    }

    /// Leading, and the renew deadline since the last successful renewal has not passed.
    public func isLeader(at now: Duration) -> Bool {
        guard let lastRenewStart else { return false }
        return now < lastRenewStart + configuration.renewDeadline
    }

    /// The spec that gives the lease up at shutdown, if we hold it: empty holder and a one-second
    /// duration, so another replica can take over at once.
    public func releaseSpec(wallClock: Date) -> (LeaseSpec, resourceVersion: String)? {
        guard let lease = observed, var spec = lease.spec, spec.holderIdentity == identity else { return nil }
        spec.holderIdentity = ""
        spec.leaseDurationSeconds = 1
        spec.renewTime = MicroTime(wallClock)
        return (spec, lease.metadata.resourceVersion ?? "")
    }

    /// How long to wait before the next attempt: the retry period, plus up to 20 % jitter for
    /// followers so candidates do not move in lockstep. `random` is in 0..<1.
    public func retryDelay(random: Double) -> Duration {
        guard lastRenewStart == nil else { return configuration.retryPeriod }
        let jitter = (LeaderElectionConfiguration.jitterFactor - 1) * min(max(random, 0), 1)
        return configuration.retryPeriod * (1 + jitter)
    }

    /// When a follower may first try to take the current lease over, if it is held by someone else.
    public func takeoverTime() -> Duration? {
        guard let spec = observed?.spec, let holder = spec.holderIdentity, !holder.isEmpty, holder != identity,
            let observedAt
        else { return nil }
        return observedAt + duration(of: spec)
    }

    private func isExpired(_ spec: LeaseSpec, at now: Duration) -> Bool {
        guard let observedAt else { return false }
        return now >= observedAt + duration(of: spec)
    }

    private func duration(of spec: LeaseSpec) -> Duration {
        spec.leaseDurationSeconds.map { .seconds(Int($0)) } ?? configuration.leaseDuration
    }

    private var leaseSeconds: Int32 {
        let components = configuration.leaseDuration.components
        return Int32(components.seconds + (components.attoseconds > 0 ? 1 : 0))
    }
}
