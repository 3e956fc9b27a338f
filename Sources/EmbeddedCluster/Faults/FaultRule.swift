/// One injected fault: which requests it hits and what happens to them.
///
/// Faults make the field incidents reproducible: a slow API server (latency on lease PUTs), a broken
/// dependency (error codes), a hung connection (stall) and flaky watches (dropped streams).
public struct FaultRule: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// Hold the request this long from its arrival, then carry it out. A request whose `?timeout=`
        /// passes meanwhile is answered `504 Timeout` and, if it is a write, never applied.
        case latency(Duration)
        /// A slow API server's worst case for a writer: the write is applied at once, the answer
        /// leaves this much later (or, if the request's `?timeout=` comes first, the answer is a
        /// `504 Timeout` for a write that did happen).
        case answerLate(Duration)
        /// A slow API server that queues requests: the request is held this long from its arrival, then
        /// applied, unless its `?timeout=` passed meanwhile; then it is answered `504 Timeout` and never
        /// applied.
        /// (The same as `latency`, named for the incident it reproduces.)
        case applyLate(Duration)
        /// Answer with this status code and a `Status` body carrying the message.
        case error(code: Int, message: String)
        /// Never answer (until the client gives up, the request's `?timeout=` passes, or the server stops).
        case stall
        /// End watch streams after this many frames.
        case dropWatch(afterFrames: Int)
        /// Answer with exactly this status code, content type, body and extra headers, as a proxy, a load
        /// balancer or a broken aggregated API might: an HTML error page, a stream cut in the middle of
        /// an event, a `Status` of `Failure` on a 200, a `Retry-After`.
        case respond(code: Int, contentType: String = "application/json", body: String, headers: [String: String] = [:])
    }

    /// Verbs it applies to (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`); nil = all.
    public var verbs: Set<String>?
    /// Resource plural (`leases`; evictions are `create` on `pods/eviction`); nil = all.
    public var resource: String?
    /// Object name; nil = all.
    public var name: String?
    /// Authenticated users it applies to (one process's connection going bad); nil = all.
    public var users: Set<String>?
    public var action: Action
    /// Fraction of matching requests it hits (1 = all).
    public var fraction: Double
    /// How many requests it hits before it disarms itself; nil = unlimited.
    public var remaining: Int?
    /// How long after installation it disarms itself; nil = until removed.
    public var duration: Duration?

    public init(
        verbs: Set<String>? = nil,
        resource: String? = nil,
        name: String? = nil,
        users: Set<String>? = nil,
        action: Action,
        fraction: Double = 1,
        remaining: Int? = nil,
        duration: Duration? = nil
    ) {
        self.verbs = verbs
        self.resource = resource
        self.name = name
        self.users = users
        self.action = action
        self.fraction = fraction
        self.remaining = remaining
        self.duration = duration
    }

    func matches(verb: String, resource: String?, name: String?, user: String? = nil) -> Bool {
        if let users, !users.contains(user ?? "") { return false }
        if let verbs, !verbs.contains(verb) { return false }
        if let expected = self.resource, expected != resource { return false }
        if let expected = self.name, expected != name { return false }
        return true
    }
}
