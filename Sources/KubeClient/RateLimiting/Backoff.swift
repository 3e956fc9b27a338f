/// Capped exponential backoff: `initial` after the first failure, doubling after each further one,
/// never more than `maximum`. The one backoff of the project — the client's retries, an informer's
/// relists, the lease watch and the work queue's per-key delays differ only in their numbers.
///
/// A value type: its owner keeps it with the rest of its state and asks it for the next wait.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    /// Consecutive failures counted by `next()` since the last `reset()`.
    public private(set) var failures = 0

    public init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait after `failures` consecutive failures: `initial` for the first, doubling, at most `maximum`.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        let doublings = failures - 1
        guard doublings < Int.bitWidth - 2 else { return maximum }
        let factor = 1 << doublings
        // Compared by division so that a long streak cannot overflow the multiplication.
        return initial > maximum / factor ? maximum : initial * factor
    }

    /// Counts one more failure and returns how long to wait before the next attempt.
    public mutating func next() -> Duration {
        failures += 1
        return delay(afterFailures: failures)
    }

    /// An attempt succeeded: the next failure waits `initial` again.
    public mutating func reset() {
        failures = 0
    }
}
