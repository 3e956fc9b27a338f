import KubeAPI

/// Client-side rate limiting: a token bucket of `burst` tokens refilled at `qps` per second, as
/// client-go's `--qps`/`--burst` do. Requests wait (on the injected clock) rather than fail.
actor RateLimiter {
    private let qps: Double
    private let burst: Double
    private let clock: any Clock<Duration>
    private var tokens: Double
    private var elapsedAtLastRefill: Duration = .zero
    private let elapsed: @Sendable () -> Duration

    init(qps: Double, burst: Int, clock: some Clock<Duration>) {
        self.qps = qps
        self.burst = Double(max(burst, 1))
        self.tokens = Double(max(burst, 1))
        self.clock = clock
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
    }

    /// Takes one token, waiting until one is available. A qps of 0 or less disables the limit.
    func acquire() async throws {
        guard qps > 0 else { return }
        refill()
        tokens -= 1
        if tokens >= 0 { return }
        let wait = Duration.seconds(-tokens / qps)
        try await clock.sleep(for: wait)
    }

    private func refill() {
        let now = elapsed()
        let gained = (now - elapsedAtLastRefill).inSeconds * qps
        elapsedAtLastRefill = now
        tokens = min(burst, tokens + gained)
    }
}
