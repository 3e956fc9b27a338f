/// An `argoproj.io/v1alpha1` AnalysisRun: one execution of metrics, measured by the analysis
/// controller until it reaches a final phase. Rollouts create them from templates and read their
/// `status.phase`; everything the controller needs to continue after a restart is in `status`.
public struct AnalysisRun: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "AnalysisRun",
        plural: "analysisruns",
        shortNames: ["ar"],
        subresources: [.status]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: AnalysisRunSpec
    public var status: AnalysisRunStatus?
    public var unknownFields = UnknownFields()

    public init(
        metadata: ObjectMeta = ObjectMeta(),
        spec: AnalysisRunSpec = AnalysisRunSpec(),
        status: AnalysisRunStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status, unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        // Readers that only show runs (list output, trees) may meet runs written without a spec.
        spec = try container.decodeIfPresent(AnalysisRunSpec.self, forKey: .spec) ?? AnalysisRunSpec()
        status = try container.decodeIfPresent(AnalysisRunStatus.self, forKey: .status)
        unknownFields = try container.decode(UnknownFields.self, forKey: .unknownFields)
    }
}

/// The metrics of a run with their arguments, and how it ends.
public struct AnalysisRunSpec: Codable, Hashable, Sendable {
    public var metrics: [Metric]
    public var args: [AnalysisArgument]?
    /// Set to stop the run early: metrics not yet complete end Successful ("Run Terminated").
    public var terminate: Bool?
    public var dryRun: [DryRun]?
    public var measurementRetention: [MeasurementRetention]?
    /// Deletes the run this long after it completes.
    public var ttlStrategy: TTLStrategy?
    public var unknownFields = UnknownFields()

    public init(
        metrics: [Metric] = [],
        args: [AnalysisArgument]? = nil,
        terminate: Bool? = nil,
        dryRun: [DryRun]? = nil,
        measurementRetention: [MeasurementRetention]? = nil,
        ttlStrategy: TTLStrategy? = nil
    ) {
        self.metrics = metrics
        self.args = args
        self.terminate = terminate
        self.dryRun = dryRun
        self.measurementRetention = measurementRetention
        self.ttlStrategy = ttlStrategy
    }

    enum CodingKeys: String, CodingKey {
        case metrics, args, terminate, dryRun, measurementRetention, ttlStrategy, unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The incumbent writes `metrics` always but a hand-written run may omit it; it is then invalid, not unreadable.
        metrics = try container.decodeIfPresent([Metric].self, forKey: .metrics) ?? []
        args = try container.decodeIfPresent([AnalysisArgument].self, forKey: .args)
        terminate = try container.decodeIfPresent(Bool.self, forKey: .terminate)
        dryRun = try container.decodeIfPresent([DryRun].self, forKey: .dryRun)
        measurementRetention = try container.decodeIfPresent(
            [MeasurementRetention].self,
            forKey: .measurementRetention
        )
        ttlStrategy = try container.decodeIfPresent(TTLStrategy.self, forKey: .ttlStrategy)
        unknownFields = try container.decode(UnknownFields.self, forKey: .unknownFields)
    }

    /// Writes `metrics` only when there are some, so a spec read without them is written back as read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !metrics.isEmpty { try container.encode(metrics, forKey: .metrics) }
        try container.encodeIfPresent(args, forKey: .args)
        try container.encodeIfPresent(terminate, forKey: .terminate)
        try container.encodeIfPresent(dryRun, forKey: .dryRun)
        try container.encodeIfPresent(measurementRetention, forKey: .measurementRetention)
        try container.encodeIfPresent(ttlStrategy, forKey: .ttlStrategy)
        try container.encode(unknownFields, forKey: .unknownFields)
    }
}

/// How long a completed run is kept: after success, after failure, or after any completion.
public struct TTLStrategy: Codable, Hashable, Sendable {
    public var secondsAfterCompletion: Int32?
    public var secondsAfterFailure: Int32?
    public var secondsAfterSuccess: Int32?
    public var unknownFields = UnknownFields()

    public init(
        secondsAfterCompletion: Int32? = nil,
        secondsAfterFailure: Int32? = nil,
        secondsAfterSuccess: Int32? = nil
    ) {
        self.secondsAfterCompletion = secondsAfterCompletion
        self.secondsAfterFailure = secondsAfterFailure
        self.secondsAfterSuccess = secondsAfterSuccess
    }
}
