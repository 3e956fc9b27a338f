import KubeAPI

/// Per-key exponential backoff: 5 ms doubling up to 1000 s, client-go's controller default.
/// A value type: the work queue owns one and asks it under its lock.
public struct ExponentialBackoff<Key: Hashable & Sendable>: Sendable {
    public var base: Duration
    public var maximum: Duration
    private var failures: [Key: Int] = [:]

    public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(1000)) {
        self.base = base
        self.maximum = maximum
    }

    /// The delay for one more failure of `key` (and counts it).
    public mutating func delay(for key: Key) -> Duration {
        let count = failures[key, default: 0]
        failures[key] = count + 1
        guard count < 40 else { return maximum }
        return min(base * (1 << count), maximum)
    }

    public func failures(of key: Key) -> Int { failures[key, default: 0] }

    public mutating func forget(_ key: Key) { failures[key] = nil }
}

/// An overall token bucket (client-go's default: 10 per second, burst 100) so that many keys
/// failing at once cannot turn into a retry storm against the API server. Each retry reserves a
/// token; when none is left the retry waits for its turn.
public struct TokenBucket: Sendable {
    public var ratePerSecond: Double
    public var burst: Double
    private var tokens: Double
    private var last: Duration?

    public init(ratePerSecond: Double = 10, burst: Int = 100) {
        self.ratePerSecond = ratePerSecond
        self.burst = Double(burst)
        self.tokens = Double(burst)
    }

    /// Reserves a token at `now` and returns how long to wait before using it.
    public mutating func reserve(at now: Duration) -> Duration {
        if let last {
            let elapsed = (now - last).inSeconds
            tokens = min(burst, tokens + elapsed * ratePerSecond)
        }
        last = now
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .seconds(-tokens / ratePerSecond)
    }
}
