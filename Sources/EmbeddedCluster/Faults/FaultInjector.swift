/// The fault rules in force; the API server consults it for every request.
///
/// Rules can be installed at start-up (`EmbeddedClusterConfiguration.faults`) or at run time through
/// `EmbeddedCluster.faults` (the test API).
public actor FaultInjector {
    private struct Installed {
        var id: Int
        var rule: FaultRule
        var installedAt: Duration
    }

    private var rules: [Installed] = []
    private var nextID = 0
    private let elapsed: @Sendable () -> Duration
    private var generator = SystemRandomNumberGenerator()
    private var stalled: [Int: CheckedContinuation<Void, Never>] = [:]
    private var stallsCancelledEarly: Set<Int> = []
    private var nextStallID = 0
    private var stallsReleased = false
    /// Requests held before they are carried out; the responder counts them in and out.
    nonisolated let held = HeldRequests()

    /// `clock` measures rule durations.
    public init(clock: some Clock<Duration> = ContinuousClock()) {
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
    }

    /// Installs a rule and returns its id for `remove(_:)`.
    @discardableResult
    public func install(_ rule: FaultRule) -> Int {
        nextID += 1
        rules.append(Installed(id: nextID, rule: rule, installedAt: elapsed()))
        return nextID
    }

    public func remove(_ id: Int) {
        rules.removeAll { $0.id == id }
    }

    public func removeAll() {
        rules.removeAll()
    }

    /// How many requests faults hold right now before carrying them out (`latency`, `applyLate`, `stall`).
    public nonisolated var heldRequests: Int { held.count }

    /// Returns once faults hold at least `count` requests (or when the task is cancelled): a test knows
    /// the requests it sent reached the server and wait under a fault before it does what must happen
    /// meanwhile.
    public nonisolated func waitUntilHolding(_ count: Int) async {
        await held.wait(atLeast: count)
    }

    public var activeRules: [FaultRule] {
        expire()
        return rules.map(\.rule)
    }

    /// The action for a request, if a rule hits it (counting it against the rule's budget).
    func action(verb: String, resource: String?, name: String?, user: String? = nil) -> FaultRule.Action? {
        expire()
        for index in rules.indices
        where rules[index].rule.matches(verb: verb, resource: resource, name: name, user: user) {
            let rule = rules[index].rule
            if rule.fraction < 1, Double.random(in: 0..<1, using: &generator) >= rule.fraction { continue }
            if let remaining = rule.remaining {
                rules[index].rule.remaining = remaining - 1
                if remaining - 1 <= 0 { rules.remove(at: index) }
            }
            return rule.action
        }
        return nil
    }

    private func expire() {
        let now = elapsed()
        rules.removeAll { installed in
            guard let duration = installed.rule.duration else { return false }
            return now - installed.installedAt >= duration
        }
    }

    /// Holds a stalled request open until the cluster shuts down or the request's task is
    /// cancelled. Removing the rule does not release it: a hung connection stays hung.
    func holdStalledRequest() async {
        if stallsReleased { return }
        nextStallID += 1
        let id = nextStallID
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if stallsCancelledEarly.remove(id) != nil || Task.isCancelled {
                    continuation.resume()
                } else {
                    stalled[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.releaseStall(id) }
        }
    }

    /// Answers every stalled request; later stalls return at once. Called at shutdown, since a
    /// graceful shutdown waits for requests in flight.
    func releaseStalledRequests() {
        stallsReleased = true
        for continuation in stalled.values { continuation.resume() }
        stalled.removeAll()
    }

    private func releaseStall(_ id: Int) {
        if let continuation = stalled.removeValue(forKey: id) {
            continuation.resume()
        } else {
            stallsCancelledEarly.insert(id)
        }
    }
}
