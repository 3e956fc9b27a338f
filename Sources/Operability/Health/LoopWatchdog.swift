import Synchronization

/// Tells whether long-running loops still make progress: each loop calls `beat(_:)` whenever it
/// completes a round, and a loop silent for longer than its allowance is reported as wedged.
/// Time comes from the injected clock.
public final class LoopWatchdog: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let loops = Mutex<[String: (allowance: Duration, lastBeat: Duration)]>([:])

    public init(clock: some Clock<Duration> = ContinuousClock()) {
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
    }

    /// Starts watching `name`; it counts as alive from now.
    public func watch(_ name: String, allowance: Duration) {
        let now = elapsed()
        loops.withLock { $0[name] = (allowance, now) }
    }

    public func beat(_ name: String) {
        let now = elapsed()
        loops.withLock { $0[name]?.lastBeat = now }
    }

    /// Stops watching `name` (the loop ended on purpose).
    public func forget(_ name: String) {
        _ = loops.withLock { $0.removeValue(forKey: name) }
    }

    /// nil when every loop beat within its allowance, else the wedged loops and how long they are silent.
    public func wedgedLoops() -> String? {
        let now = elapsed()
        let wedged = loops.withLock { loops in
            loops.filter { now - $0.value.lastBeat > $0.value.allowance }.map {
                "\($0.key) silent for \(now - $0.value.lastBeat)"
            }
        }
        return wedged.isEmpty ? nil : wedged.sorted().joined(separator: ", ")
    }
}
