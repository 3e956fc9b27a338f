/// What a Rollout writes where it asks for analysis (a canary `analysis` step, `canary.analysis`
/// for background analysis, blue-green `prePromotionAnalysis` / `postPromotionAnalysis`): the
/// templates to combine and the arguments to pass. Decode `CanaryStep.analysis` into it.
public struct RolloutAnalysis: Codable, Hashable, Sendable {
    public var templates: [AnalysisTemplateRef]?
    public var args: [AnalysisRunArgument]?
    public var dryRun: [DryRun]?
    public var measurementRetention: [MeasurementRetention]?
    /// Labels and annotations added to the runs.
    public var analysisRunMetadata: AnalysisRunMetadata?
    /// Background analysis only: the step from which it runs.
    public var startingStep: Int32?
    public var unknownFields = UnknownFields()

    public init(templates: [AnalysisTemplateRef]? = nil, args: [AnalysisRunArgument]? = nil) {
        self.templates = templates
        self.args = args
    }
}

/// An argument a Rollout passes to its analysis: a value, or the pod-template hash of its stable
/// or latest ReplicaSet, or a field of the Rollout.
public struct AnalysisRunArgument: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: RolloutArgumentValueFrom?
    public var unknownFields = UnknownFields()

    public init(name: String, value: String? = nil, valueFrom: RolloutArgumentValueFrom? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// `podTemplateHashValue: Stable | Latest`, or a `fieldRef` on the Rollout.
public struct RolloutArgumentValueFrom: Codable, Hashable, Sendable {
    public var podTemplateHashValue: String?
    public var fieldRef: FieldRef?
    public var unknownFields = UnknownFields()

    public init(podTemplateHashValue: String? = nil, fieldRef: FieldRef? = nil) {
        self.podTemplateHashValue = podTemplateHashValue
        self.fieldRef = fieldRef
    }
}

/// Labels and annotations a Rollout puts on the runs it creates.
public struct AnalysisRunMetadata: Codable, Hashable, Sendable {
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var unknownFields = UnknownFields()

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}
