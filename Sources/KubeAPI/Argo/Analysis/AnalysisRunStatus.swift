/// Where an AnalysisRun stands: the overall phase and every metric's recent measurements and
/// counters. It is the controller's whole memory of the run, so a restarted controller or a new
/// leader continues exactly where the previous one stopped.
public struct AnalysisRunStatus: Codable, Hashable, Sendable {
    public var phase: AnalysisPhase?
    public var message: String?
    public var metricResults: [MetricResult]?
    public var startedAt: KubeTime?
    public var runSummary: RunSummary?
    public var dryRunSummary: RunSummary?
    public var completedAt: KubeTime?
    public var unknownFields = UnknownFields()

    public init(
        phase: AnalysisPhase? = nil,
        message: String? = nil,
        metricResults: [MetricResult]? = nil,
        startedAt: KubeTime? = nil,
        runSummary: RunSummary? = nil,
        dryRunSummary: RunSummary? = nil,
        completedAt: KubeTime? = nil
    ) {
        self.phase = phase
        self.message = message
        self.metricResults = metricResults
        self.startedAt = startedAt
        self.runSummary = runSummary
        self.dryRunSummary = dryRunSummary
        self.completedAt = completedAt
    }

    /// The result of metric `name`, if it was ever measured.
    public func result(named name: String) -> MetricResult? {
        metricResults?.first { $0.name == name }
    }

    /// Replaces the result with the same name, or appends it.
    public mutating func setResult(_ result: MetricResult) {
        var results = metricResults ?? []
        if let index = results.firstIndex(where: { $0.name == result.name }) {
            results[index] = result
        } else {
            results.append(result)
        }
        metricResults = results
    }

    /// A status member as JSON, for readers that show runs generically (the CLI's tree reads
    /// `phase` and the counters this way).
    public subscript(member: String) -> JSONValue? {
        (try? KubeJSON.encodeValue(self))?[member]
    }
}

/// One metric's measurements (the most recent ones) and how they add up.
public struct MetricResult: Codable, Hashable, Sendable {
    public var name: String
    public var phase: AnalysisPhase?
    public var measurements: [AnalysisMeasurement]?
    public var message: String?
    /// Successful + Failed + Inconclusive measurements (errors do not count).
    public var count: Int32?
    public var successful: Int32?
    public var failed: Int32?
    public var inconclusive: Int32?
    public var error: Int32?
    /// Errors in a row; any other outcome resets it.
    public var consecutiveError: Int32?
    /// Successes in a row; any other outcome resets it.
    public var consecutiveSuccess: Int32?
    public var dryRun: Bool?
    /// What the provider wants shown with the result (Prometheus: the resolved query).
    public var metadata: [String: String]?
    public var unknownFields = UnknownFields()

    public init(name: String, phase: AnalysisPhase? = nil, measurements: [AnalysisMeasurement]? = nil) {
        self.name = name
        self.phase = phase
        self.measurements = measurements
    }

    /// The latest measurement, finished or not.
    public var lastMeasurement: AnalysisMeasurement? { measurements?.last }
}

/// One measurement of one metric (`Measurement` in the incumbent; renamed so it does not clash with
/// Foundation's).
public struct AnalysisMeasurement: Codable, Hashable, Sendable {
    public var phase: AnalysisPhase?
    public var message: String?
    public var startedAt: KubeTime?
    public var finishedAt: KubeTime?
    /// The measured value as text (`[0.97]` for a Prometheus vector, JSON for a web metric).
    public var value: String?
    /// Provider bookkeeping (the Job provider: `job-name`, `job-namespace`).
    public var metadata: [String: String]?
    /// When an unfinished measurement is to be looked at again.
    public var resumeAt: KubeTime?
    public var unknownFields = UnknownFields()

    public init(
        phase: AnalysisPhase? = nil,
        message: String? = nil,
        startedAt: KubeTime? = nil,
        finishedAt: KubeTime? = nil,
        value: String? = nil,
        metadata: [String: String]? = nil,
        resumeAt: KubeTime? = nil
    ) {
        self.phase = phase
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.value = value
        self.metadata = metadata
        self.resumeAt = resumeAt
    }
}

/// How many metrics ended in each phase (`count` is the number of metrics).
public struct RunSummary: Codable, Hashable, Sendable {
    public var count: Int32?
    public var successful: Int32?
    public var failed: Int32?
    public var inconclusive: Int32?
    public var error: Int32?
    public var unknownFields = UnknownFields()

    public init(
        count: Int32? = nil,
        successful: Int32? = nil,
        failed: Int32? = nil,
        inconclusive: Int32? = nil,
        error: Int32? = nil
    ) {
        self.count = count
        self.successful = successful
        self.failed = failed
        self.inconclusive = inconclusive
        self.error = error
    }
}
