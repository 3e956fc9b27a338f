/// One metric of an analysis: what to measure (the provider), how often, and how to judge each
/// measurement. Fields that may hold `{{args.NAME}}` before substitution (`interval`, `count`,
/// the limits) keep the form they were written in; read them through the `…Value` accessors.
public struct Metric: Codable, Hashable, Sendable {
    public var name: String
    /// Time between measurements (`30s`, `5m`); without it one measurement unless `count` > 1.
    public var interval: String?
    /// Wait this long after the run starts before the first measurement.
    public var initialDelay: String?
    /// Measurements to take; with only `interval` the metric runs until the run is terminated.
    public var count: IntOrString?
    public var successCondition: String?
    public var failureCondition: String?
    /// Failed measurements tolerated [0]; -1 disables the limit.
    public var failureLimit: IntOrString?
    /// Inconclusive measurements tolerated [0].
    public var inconclusiveLimit: IntOrString?
    /// Errors in a row tolerated [4].
    public var consecutiveErrorLimit: IntOrString?
    /// Successes in a row that complete the metric [0: off].
    public var consecutiveSuccessLimit: IntOrString?
    public var provider: MetricProvider
    public var unknownFields = UnknownFields()

    public init(
        name: String,
        interval: String? = nil,
        initialDelay: String? = nil,
        count: IntOrString? = nil,
        successCondition: String? = nil,
        failureCondition: String? = nil,
        failureLimit: IntOrString? = nil,
        inconclusiveLimit: IntOrString? = nil,
        consecutiveErrorLimit: IntOrString? = nil,
        consecutiveSuccessLimit: IntOrString? = nil,
        provider: MetricProvider = MetricProvider()
    ) {
        self.name = name
        self.interval = interval
        self.initialDelay = initialDelay
        self.count = count
        self.successCondition = successCondition
        self.failureCondition = failureCondition
        self.failureLimit = failureLimit
        self.inconclusiveLimit = inconclusiveLimit
        self.consecutiveErrorLimit = consecutiveErrorLimit
        self.consecutiveSuccessLimit = consecutiveSuccessLimit
        self.provider = provider
    }

    enum CodingKeys: String, CodingKey {
        case name, interval, initialDelay, count, successCondition, failureCondition, failureLimit
        case inconclusiveLimit, consecutiveErrorLimit, provider, consecutiveSuccessLimit, unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        interval = try container.decodeIfPresent(String.self, forKey: .interval)
        initialDelay = try container.decodeIfPresent(String.self, forKey: .initialDelay)
        count = try container.decodeIfPresent(IntOrString.self, forKey: .count)
        successCondition = try container.decodeIfPresent(String.self, forKey: .successCondition)
        failureCondition = try container.decodeIfPresent(String.self, forKey: .failureCondition)
        failureLimit = try container.decodeIfPresent(IntOrString.self, forKey: .failureLimit)
        inconclusiveLimit = try container.decodeIfPresent(IntOrString.self, forKey: .inconclusiveLimit)
        consecutiveErrorLimit = try container.decodeIfPresent(IntOrString.self, forKey: .consecutiveErrorLimit)
        consecutiveSuccessLimit = try container.decodeIfPresent(IntOrString.self, forKey: .consecutiveSuccessLimit)
        // `provider` is required by the CRD; a metric without one is reported invalid, not unreadable.
        provider = try container.decodeIfPresent(MetricProvider.self, forKey: .provider) ?? MetricProvider()
        unknownFields = try container.decode(UnknownFields.self, forKey: .unknownFields)
    }

    /// Writes `provider` unless it is empty, so a metric read without one is written back as read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encodeIfPresent(initialDelay, forKey: .initialDelay)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(successCondition, forKey: .successCondition)
        try container.encodeIfPresent(failureCondition, forKey: .failureCondition)
        try container.encodeIfPresent(failureLimit, forKey: .failureLimit)
        try container.encodeIfPresent(inconclusiveLimit, forKey: .inconclusiveLimit)
        try container.encodeIfPresent(consecutiveErrorLimit, forKey: .consecutiveErrorLimit)
        if provider != MetricProvider() { try container.encode(provider, forKey: .provider) }
        try container.encodeIfPresent(consecutiveSuccessLimit, forKey: .consecutiveSuccessLimit)
        try container.encode(unknownFields, forKey: .unknownFields)
    }
}

extension Metric {
    /// The default of `consecutiveErrorLimit`.
    public static let defaultConsecutiveErrorLimit = 4

    public var failureLimitValue: Int { failureLimit?.analysisIntValue ?? 0 }
    public var inconclusiveLimitValue: Int { inconclusiveLimit?.analysisIntValue ?? 0 }
    public var consecutiveErrorLimitValue: Int {
        consecutiveErrorLimit?.analysisIntValue ?? Self.defaultConsecutiveErrorLimit
    }
    public var consecutiveSuccessLimitValue: Int { consecutiveSuccessLimit?.analysisIntValue ?? 0 }
    /// `count` as written (0 when absent or not a number).
    public var countValue: Int { count?.analysisIntValue ?? 0 }

    /// How many measurements complete the metric: `count` when set; 1 with neither `count` nor
    /// `interval`; nil (until terminated) with only `interval`.
    public var effectiveCount: Int? {
        let count = countValue
        if count != 0 { return count }
        return hasInterval ? nil : 1
    }

    public var hasInterval: Bool { !(interval ?? "").isEmpty }
    public var hasInitialDelay: Bool { !(initialDelay ?? "").isEmpty }

    /// `interval` parsed; nil when absent, throws when it is not a duration.
    public func intervalDuration() throws(KubeDurationError) -> Duration? {
        guard let interval, !interval.isEmpty else { return nil }
        return try KubeDuration(parsing: interval).duration
    }

    /// `initialDelay` parsed; nil when absent, throws when it is not a duration.
    public func initialDelayDuration() throws(KubeDurationError) -> Duration? {
        guard let initialDelay, !initialDelay.isEmpty else { return nil }
        return try KubeDuration(parsing: initialDelay).duration
    }
}

extension IntOrString {
    /// The number as Go's `intstr.IntValue()` reads it: a string that is not an integer reads 0.
    public var analysisIntValue: Int {
        switch self {
        case .int(let value): value
        case .string(let text): Int(text) ?? 0
        }
    }
}
