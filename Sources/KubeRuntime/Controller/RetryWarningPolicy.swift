public import KubeAPI

/// Decides when a key's consecutive failures deserve a Warning (the second field incident: 371
/// silent retries). It fires once a key has failed more than `threshold` times in a row, and then at
/// most once per `interval` per key. A value type driven by monotonic time.
public struct RetryWarningPolicy: Sendable {
    public var threshold: Int
    public var interval: Duration
    private var lastWarned: [ObjectKey: Duration] = [:]

    public init(threshold: Int = 10, interval: Duration = .seconds(60)) {
        self.threshold = threshold
        self.interval = interval
    }

    /// Called after each failure with the key's consecutive failure count; returns true when a
    /// warning should go out now.
    public mutating func shouldWarn(_ key: ObjectKey, failures: Int, at now: Duration) -> Bool {
        guard failures > threshold else { return false }
        if let last = lastWarned[key], now - last < interval { return false }
        lastWarned[key] = now
        return true
    }

    /// The key succeeded: a later streak warns again at once.
    public mutating func reset(_ key: ObjectKey) {
        lastWarned[key] = nil
    }
}

/// One warning about a key that keeps failing: what, how often, why, and where.
public struct RetryWarning: Sendable, CustomStringConvertible {
    public var key: ObjectKey
    public var failures: Int
    public var reason: String
    public var failingEndpoint: String?
    public var error: String

    public var description: String {
        let endpoint = failingEndpoint.map { " (failing dependency: \($0))" } ?? ""
        return "\(key) failed \(failures) times in a row: \(reason)\(endpoint): \(error)"
    }
}
