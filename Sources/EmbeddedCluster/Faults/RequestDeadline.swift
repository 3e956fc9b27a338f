import KubeAPI

/// The time budget of one request: Kubernetes' server-side request timeout (`?timeout=3s`), measured
/// on the cluster's clock from the moment the request arrived.
///
/// A request that cannot finish within it is answered `504 Timeout` like the real server's timeout
/// filter does, and a write that has not been applied by then is never applied.
struct RequestDeadline: Sendable {
    /// The requested timeout; nil when the request named none (then nothing expires).
    let timeout: Duration?
    private let elapsed: @Sendable () -> Duration
    /// Sleeps until the instant this long after the request arrived.
    private let sleepUntilSinceArrival: @Sendable (Duration) async throws -> Void

    init(timeout: Duration?, clock: some Clock<Duration>) {
        let start = clock.now
        self.timeout = timeout.flatMap { $0 > .zero ? $0 : nil }
        self.elapsed = { start.duration(to: clock.now) }
        self.sleepUntilSinceArrival = { offset in
            try await clock.sleep(until: start.advanced(by: offset), tolerance: nil)
        }
    }

    /// The deadline of a request from its `timeout` query parameter (a Go duration).
    init(query: QueryParameters, clock: some Clock<Duration>) throws(APIError) {
        var timeout: Duration?
        if let text = query["timeout"], !text.isEmpty {
            do {
                timeout = try KubeDuration(parsing: text).duration
            } catch {
                throw APIError.badRequest("invalid timeout specified in the request URL")
            }
        }
        self.init(timeout: timeout, clock: clock)
    }

    /// Time since the request arrived.
    var sinceArrival: Duration { elapsed() }

    /// Time left before the deadline; nil when there is none.
    var remaining: Duration? { timeout.map { $0 - elapsed() } }

    var hasPassed: Bool { remaining.map { $0 <= .zero } ?? false }

    /// Fails with the timeout filter's answer once the deadline has passed.
    func check() throws(APIError) {
        if hasPassed { throw APIError.timeout }
    }

    /// Sleeps until `offset` after the request arrived, or only until the deadline when that comes
    /// first; returns whether the deadline cut the sleep short. Both are instants on the clock, so a
    /// task that gets here late is not held any longer for it.
    func sleep(untilSinceArrival offset: Duration) async throws -> Bool {
        if let timeout, timeout < offset {
            try await sleepUntilSinceArrival(timeout)
            return true
        }
        try await sleepUntilSinceArrival(offset)
        return false
    }
}

extension APIError {
    /// The answer of the API server's timeout filter (`apierrors.NewTimeoutError`).
    static let timeout = APIError(
        code: 504,
        reason: StatusReason.timeout,
        message: "Timeout: request did not complete within requested timeout - context deadline exceeded",
        details: StatusDetails()
    )
}
