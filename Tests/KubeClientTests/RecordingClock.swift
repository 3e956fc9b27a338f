import Synchronization

/// A clock whose sleeps return at once, moving its time forward by the duration asked for and
/// recording it: what a client waited (backoff, `Retry-After`, rate limit) is asserted exactly, and
/// no test waits for it.
final class RecordingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var now: Instant { Instant(offset: state.withLock { $0.now }) }
    var minimumResolution: Duration { .zero }

    /// Every sleep so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            let wait = deadline.offset - state.now
            guard wait > .zero else { return }
            state.sleeps.append(wait)
            state.now = deadline.offset
        }
    }
}
