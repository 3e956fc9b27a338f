import KubeAPI

/// A token bucket: `burst` tokens, refilled at `ratePerSecond`; each request takes one, and when
/// none is left it is told how long to wait for its turn. The client's `qps`/`burst` limit and the
/// work queue's overall retry limit (client-go's 10 per second, burst 100) are both one of these.
///
/// A value type over monotonic instants (`Duration` since any fixed start on the owner's clock), so
/// it is tested without waiting; the owner does the waiting on its injected clock.
public struct TokenBucket: Sendable {
    /// Tokens added per second; zero or less means no limit.
    public var ratePerSecond: Double
    public var burst: Double
    private var tokens: Double
    private var last: Duration?

    public init(ratePerSecond: Double, burst: Int) {
        self.ratePerSecond = ratePerSecond
        self.burst = Double(max(burst, 1))
        self.tokens = self.burst
    }

    /// Takes a token at `now` and returns how long to wait before using it (zero when one was left).
    /// Waiting requests queue up: each reservation is counted, so the next one waits longer.
    public mutating func reserve(at now: Duration) -> Duration {
        guard ratePerSecond > 0 else { return .zero }
        if let last {
            tokens = min(burst, tokens + (now - last).inSeconds * ratePerSecond)
        }
        last = now
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .seconds(-tokens / ratePerSecond)
    }
}
