import Synchronization

/// The fence every controller write passes: valid only while this process leads, and only until
/// `start of the last successful renewal + renewDeadline` on the monotonic clock — earlier than any
/// follower may take over — so two leaders never write in overlapping intervals, even when the
/// elector's own loop is late to notice that renewals stopped working.
public final class LeadershipGuard: Sendable {
    private struct State {
        var validUntil: Duration?
        var writeDeadline: Duration?
        var term = 0
        var subscribers: [Int: AsyncStream<Bool>.Continuation] = [:]
        var nextSubscriber = 0
    }

    private let state = Mutex(State())
    private let elapsed: @Sendable () -> Duration

    /// `clock` must be the elector's clock.
    public init(clock: some Clock<Duration> = ContinuousClock()) {
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
    }

    /// The elector's notion of now, on the same clock as the guard.
    public var now: Duration { elapsed() }

    /// True while leadership holds.
    public var isLeading: Bool {
        let now = elapsed()
        return state.withLock { $0.validUntil.map { now < $0 } ?? false }
    }

    /// The current term (incremented each time leadership is gained), for logs.
    public var term: Int { state.withLock { $0.term } }

    /// Throws unless this process leads right now.
    public func check() throws(NotLeaderError) {
        guard isLeading else { throw NotLeaderError() }
    }

    /// The timeout a write must carry: at most `limit`, and ending before the lease could pass to
    /// another process. Throws when not leading.
    public func writeTimeout(limit: Duration) throws(NotLeaderError) -> Duration {
        let now = elapsed()
        let deadline = state.withLock { state -> Duration? in
            guard let validUntil = state.validUntil, now < validUntil else { return nil }
            return state.writeDeadline
        }
        guard let deadline else { throw NotLeaderError() }
        return min(limit, deadline - now)
    }

    /// Leadership changes as they happen, starting with the current state.
    public func changes() -> AsyncStream<Bool> {
        let (stream, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .unbounded)
        let leading = isLeading
        let id = state.withLock { state -> Int in
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            continuation.yield(leading)
            return state.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Leadership was gained or renewed by a request that started at `renewStart`.
    func extend(renewStart: Duration, renewDeadline: Duration, leaseDuration: Duration) {
        state.withLock { state in
            let gained = state.validUntil == nil
            state.validUntil = renewStart + renewDeadline
            state.writeDeadline = renewStart + leaseDuration
            if gained {
                state.term += 1
                for continuation in state.subscribers.values { continuation.yield(true) }
            }
        }
    }

    /// Leadership is over (lost, or released at shutdown).
    func revoke() {
        state.withLock { state in
            guard state.validUntil != nil else { return }
            state.validUntil = nil
            state.writeDeadline = nil
            for continuation in state.subscribers.values { continuation.yield(false) }
        }
    }

    /// Ends every change stream (the elector stopped).
    func finish() {
        // Finish outside the lock: finishing runs onTermination, which takes the lock.
        let subscribers = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for continuation in subscribers { continuation.finish() }
    }
}

/// A write was refused because this process does not lead (or its renewals are overdue).
public struct NotLeaderError: Error, Sendable, CustomStringConvertible {
    public var description: String { "not the leader: writes are fenced until leadership is (re)acquired" }
}

extension LeadershipGuard {
    /// Lets tests of code that depends on the guard act as the elector would after a renewal.
    package func extendForTesting(renewStart: Duration, renewDeadline: Duration, leaseDuration: Duration) {
        extend(renewStart: renewStart, renewDeadline: renewDeadline, leaseDuration: leaseDuration)
    }
}

extension LeadershipGuard {
    /// Lets tests of code gated on leadership end it as the elector would.
    package func revokeForTesting() {
        revoke()
    }
}
