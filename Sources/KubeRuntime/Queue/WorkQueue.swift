import DequeModule
import HeapModule
public import KubeClient
public import Metrics
import Synchronization

/// A work queue with client-go semantics, for controller keys.
///
/// - A key waiting in the queue is there once, however often it is added (dirty set).
/// - A key being processed is never handed to a second worker; adds while in flight are remembered
///   and delivered after `done`.
/// - Failures re-queue with `addRateLimited`: per-key exponential backoff (5 ms doubling to 1000 s)
///   combined with an overall token bucket; `forget` resets a key after success. The consecutive
///   failure count of each key stays visible (`failures(of:)`), so retry storms cannot be silent.
/// - `addAfter` schedules a key for later on the injected clock (timed pauses, deadlines).
///
/// `run()` services the delayed adds and must run while the queue is used.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private struct Delayed: Comparable {
        var due: Duration
        var sequence: Int
        var key: Key

        static func < (lhs: Delayed, rhs: Delayed) -> Bool { (lhs.due, lhs.sequence) < (rhs.due, rhs.sequence) }
        static func == (lhs: Delayed, rhs: Delayed) -> Bool { lhs.due == rhs.due && lhs.sequence == rhs.sequence }
    }

    private struct State {
        var queue = Deque<Key>()
        var dirty = Set<Key>()
        var processing = Set<Key>()
        var waiters = Deque<(id: Int, continuation: CheckedContinuation<Key?, Never>)>()
        var nextWaiter = 0
        var delayed = Heap<Delayed>()
        var nextSequence = 0
        /// Consecutive failures per key, since it last succeeded.
        var failures: [Key: Int] = [:]
        var backoff: Backoff
        var bucket: TokenBucket
        var shuttingDown = false
    }

    private let state: Mutex<State>
    private let elapsed: @Sendable () -> Duration
    private let clock: any Clock<Duration>
    private let doorbell = Doorbell()
    private let metrics: QueueMetrics

    /// - Parameters:
    ///   - backoff: the per-key delays (client-go's controller default: 5 ms doubling to 1000 s).
    ///   - bucket: the overall limit on retries (client-go's default: 10 per second, burst 100), so that
    ///     many keys failing at once cannot turn into a retry storm against the API server.
    public init(
        name: String,
        clock: some Clock<Duration> = ContinuousClock(),
        backoff: Backoff = Backoff(initial: .milliseconds(5), maximum: .seconds(1000)),
        bucket: TokenBucket = TokenBucket(ratePerSecond: 10, burst: 100),
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.state = Mutex(State(backoff: backoff, bucket: bucket))
        self.clock = clock
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
        self.metrics = QueueMetrics(name: name, factory: metricsFactory)
    }

    /// True once `shutDown()` was called.
    public var isShutDown: Bool { state.withLock { $0.shuttingDown } }

    /// Keys waiting (not counting those in flight or scheduled for later).
    public var depth: Int { state.withLock { $0.queue.count } }

    /// Consecutive failures of `key` since it last succeeded (`forget`).
    public func failures(of key: Key) -> Int {
        state.withLock { $0.failures[key, default: 0] }
    }

    public func add(_ key: Key) {
        let waiter = state.withLock { state -> CheckedContinuation<Key?, Never>? in
            guard !state.shuttingDown, !state.dirty.contains(key) else { return nil }
            metrics.adds.increment()
            state.dirty.insert(key)
            if state.processing.contains(key) { return nil }
            if let waiter = state.waiters.popFirst() {
                state.dirty.remove(key)
                state.processing.insert(key)
                return waiter.continuation
            }
            state.queue.append(key)
            metrics.depth.record(state.queue.count)
            return nil
        }
        waiter?.resume(returning: key)
    }

    /// Adds `key` once `delay` has passed on the clock.
    public func addAfter(_ key: Key, delay: Duration) {
        guard delay > .zero else { return add(key) }
        let due = elapsed() + delay
        let becameEarliest = state.withLock { state -> Bool in
            guard !state.shuttingDown else { return false }
            let earliest = state.delayed.min?.due
            state.nextSequence += 1
            state.delayed.insert(Delayed(due: due, sequence: state.nextSequence, key: key))
            return earliest.map { due < $0 } ?? true
        }
        if becameEarliest { doorbell.ring() }
    }

    /// Re-queues a failed key after its backoff (and the overall bucket's wait, whichever is longer),
    /// but never later than `cap` when one is given — a key waiting on a dependency to recover
    /// keeps being tried often enough to notice the recovery, however long the outage lasted.
    public func addRateLimited(_ key: Key, cap: Duration? = nil) {
        let now = elapsed()
        let delay = state.withLock { state in
            let failures = state.failures[key, default: 0] + 1
            state.failures[key] = failures
            let wait = max(state.backoff.delay(afterFailures: failures), state.bucket.reserve(at: now))
            return cap.map { min(wait, $0) } ?? wait
        }
        metrics.retries.increment()
        addAfter(key, delay: delay)
    }

    /// The key succeeded: reset its backoff and failure count.
    public func forget(_ key: Key) {
        state.withLock { $0.failures[key] = nil }
    }

    /// Waits for the next key; nil once the queue shuts down or the task is cancelled.
    /// The caller must call `done(_:)` when it has finished with the key.
    public func next() async -> Key? {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let immediate = state.withLock { state -> Key?? in
                    if state.shuttingDown && state.queue.isEmpty || Task.isCancelled { return .some(nil) }
                    if let key = state.queue.popFirst() {
                        state.dirty.remove(key)
                        state.processing.insert(key)
                        metrics.depth.record(state.queue.count)
                        return .some(key)
                    }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Key?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// The worker finished with `key`; if it was added meanwhile, it goes back in the queue.
    public func done(_ key: Key) {
        let waiter = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            state.processing.remove(key)
            guard state.dirty.contains(key), !state.shuttingDown else { return nil }
            if let waiter = state.waiters.popFirst() {
                state.dirty.remove(key)
                state.processing.insert(key)
                return (waiter.continuation, key)
            }
            state.queue.append(key)
            metrics.depth.record(state.queue.count)
            return nil
        }
        if let (continuation, key) = waiter { continuation.resume(returning: key) }
    }

    /// Stops handing out keys: waiting workers get nil, and so does `next()` once the queue is empty.
    public func shutDown() {
        let waiters = state.withLock { state -> [CheckedContinuation<Key?, Never>] in
            state.shuttingDown = true
            state.queue.removeAll()
            state.dirty.removeAll()
            state.delayed = Heap()
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        doorbell.ring()
    }

    /// Moves delayed keys into the queue when they fall due, until shutdown or cancellation.
    public func run() async {
        while !Task.isCancelled {
            let now = elapsed()
            let (due, nextDue, stopped) = state.withLock { state -> ([Key], Duration?, Bool) in
                var due: [Key] = []
                while let first = state.delayed.min, first.due <= now {
                    due.append(state.delayed.removeMin().key)
                }
                return (due, state.delayed.min?.due, state.shuttingDown)
            }
            if stopped { return }
            for key in due { add(key) }
            await doorbell.wait(upTo: nextDue.map { $0 - now } ?? .seconds(3600), clock: clock)
        }
    }
}

/// The work-queue metrics, labelled with the queue's name.
struct QueueMetrics: Sendable {
    let depth: Gauge
    let adds: Counter
    let retries: Counter

    init(name: String, factory: any MetricsFactory) {
        depth = Gauge(label: MetricNames.workqueueDepth, dimensions: [("name", name)], factory: factory)
        adds = Counter(label: MetricNames.workqueueAdds, dimensions: [("name", name)], factory: factory)
        retries = Counter(label: MetricNames.workqueueRetries, dimensions: [("name", name)], factory: factory)
    }
}
