import Metrics

/// The leader-election metrics of spec/leader-election.md, created on an injected factory.
struct LeaderMetrics: Sendable {
    let leader: Gauge
    let renewDuration: Timer
    let margin: Gauge
    let transitions: Counter
    private let factory: any MetricsFactory

    init(factory: any MetricsFactory) {
        self.factory = factory
        leader = Gauge(label: MetricNames.leader, factory: factory)
        renewDuration = Timer(label: MetricNames.leaseRenewDuration, factory: factory)
        margin = Gauge(label: MetricNames.leaseMargin, factory: factory)
        transitions = Counter(label: MetricNames.leaderTransitions, factory: factory)
    }

    /// `reason`: timeout, conflict, tls, unreachable, server.
    func renewFailed(reason: String) {
        Counter(label: MetricNames.leaseRenewFailures, dimensions: [("reason", reason)], factory: factory).increment()
    }
}
