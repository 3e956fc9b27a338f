public import FoundationEssentials
public import KubeAPI

/// One kind of measurement source (the `provider:` member of a metric). Adding Datadog, New Relic
/// or a plugin is one more type conforming to this protocol, registered in ``ProviderRegistry``:
/// the provider fetches a value (or decides a phase itself, or starts something long-running);
/// conditions, counters, scheduling and status are handled once for all providers.
public protocol MeasurementProvider: Sendable {
    /// The member of `provider:` this handles: `prometheus`, `web`, `job`.
    var name: String { get }

    /// Takes a new measurement of `request.metric` (arguments substituted, Secrets included).
    func measure(_ request: MeasurementRequest) async -> ProviderOutcome

    /// Looks again at an unfinished measurement (one that returned ``ProviderOutcome/inProgress(resumeAt:metadata:)``).
    func resume(_ request: MeasurementRequest, _ measurement: AnalysisMeasurement) async -> ProviderOutcome

    /// Stops an unfinished measurement because the run is terminating.
    func terminate(_ request: MeasurementRequest, _ measurement: AnalysisMeasurement) async -> ProviderOutcome

    /// Removes what measurements beyond the newest `keep` left behind (Jobs).
    func garbageCollect(run: AnalysisRun, metric: Metric, keep: Int) async throws

    /// What the metric's result shows about its configuration (Prometheus: the resolved query).
    func metadata(for metric: Metric) -> [String: String]?
}

extension MeasurementProvider {
    public func resume(_ request: MeasurementRequest, _ measurement: AnalysisMeasurement) async -> ProviderOutcome {
        .error("the \(name) provider does not take measurements in several steps")
    }

    public func terminate(_ request: MeasurementRequest, _ measurement: AnalysisMeasurement) async -> ProviderOutcome {
        .decided(.inconclusive, message: nil)
    }

    public func garbageCollect(run: AnalysisRun, metric: Metric, keep: Int) async throws {}

    public func metadata(for metric: Metric) -> [String: String]? { nil }
}

/// What a provider is asked to measure.
public struct MeasurementRequest: Sendable {
    /// The run, as read at the start of this reconcile (status included).
    public var run: AnalysisRun
    /// The metric with every argument substituted.
    public var metric: Metric
    /// Wall-clock now.
    public var now: Date

    public init(run: AnalysisRun, metric: Metric, now: Date) {
        self.run = run
        self.metric = metric
        self.now = now
    }

    public var namespace: String { run.metadata.namespace ?? "" }
}

/// What a provider found.
public enum ProviderOutcome: Sendable, Hashable {
    /// A value for the metric's conditions to judge; `text` is stored as the measurement's value.
    case value(ConditionValue, text: String, metadata: [String: String]? = nil)
    /// The provider judged the measurement itself (a Job completed or failed).
    case decided(AnalysisPhase, message: String?, metadata: [String: String]? = nil)
    /// Still going; look again at `resumeAt`.
    case inProgress(resumeAt: Date, metadata: [String: String]? = nil)
    /// The measurement could not be taken: the message says why, in one line.
    case error(String, metadata: [String: String]? = nil)
}
