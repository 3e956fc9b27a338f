/// An `argoproj.io/v1alpha1` AnalysisTemplate: the metrics a Rollout (or a person) turns into
/// AnalysisRuns, with the arguments they take. Namespaced.
public struct AnalysisTemplate: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "AnalysisTemplate",
        plural: "analysistemplates",
        shortNames: ["at"]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: AnalysisTemplateSpec
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: AnalysisTemplateSpec = AnalysisTemplateSpec()) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: any Decoder) throws {
        let template = try TemplateFields(from: decoder)
        (apiVersion, kind, metadata, spec, unknownFields) = template.fields
    }
}

/// The cluster-scoped twin of ``AnalysisTemplate`` (`clusterScope: true` in a template reference).
public struct ClusterAnalysisTemplate: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "ClusterAnalysisTemplate",
        plural: "clusteranalysistemplates",
        namespaced: false,
        shortNames: ["cat"]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: AnalysisTemplateSpec
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: AnalysisTemplateSpec = AnalysisTemplateSpec()) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: any Decoder) throws {
        let template = try TemplateFields(from: decoder)
        (apiVersion, kind, metadata, spec, unknownFields) = template.fields
    }
}

/// The fields both template kinds decode, `spec` optional on reading (shown, not measured).
private struct TemplateFields: Decodable {
    var fields: (String?, String?, ObjectMeta, AnalysisTemplateSpec, UnknownFields)

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, unknownFields
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = (
            try container.decodeIfPresent(String.self, forKey: .apiVersion),
            try container.decodeIfPresent(String.self, forKey: .kind),
            try container.decode(ObjectMeta.self, forKey: .metadata),
            try container.decodeIfPresent(AnalysisTemplateSpec.self, forKey: .spec) ?? AnalysisTemplateSpec(),
            try container.decode(UnknownFields.self, forKey: .unknownFields)
        )
    }
}

/// What both template kinds hold.
public struct AnalysisTemplateSpec: Codable, Hashable, Sendable {
    public var metrics: [Metric]?
    public var args: [AnalysisArgument]?
    /// Metrics measured without effect on the run's phase (`metricName` is a pattern).
    public var dryRun: [DryRun]?
    public var measurementRetention: [MeasurementRetention]?
    /// Further templates whose metrics join this one's.
    public var templates: [AnalysisTemplateRef]?
    public var unknownFields = UnknownFields()

    public init(
        metrics: [Metric]? = nil,
        args: [AnalysisArgument]? = nil,
        dryRun: [DryRun]? = nil,
        measurementRetention: [MeasurementRetention]? = nil,
        templates: [AnalysisTemplateRef]? = nil
    ) {
        self.metrics = metrics
        self.args = args
        self.dryRun = dryRun
        self.measurementRetention = measurementRetention
        self.templates = templates
    }
}

/// A reference to an AnalysisTemplate, or with `clusterScope: true` a ClusterAnalysisTemplate.
public struct AnalysisTemplateRef: Codable, Hashable, Sendable {
    public var templateName: String?
    public var clusterScope: Bool?
    public var unknownFields = UnknownFields()

    public init(templateName: String, clusterScope: Bool? = nil) {
        self.templateName = templateName
        self.clusterScope = clusterScope
    }

    public var isClusterScope: Bool { clusterScope ?? false }
}

/// Runs `metricName` (a regular expression matched anywhere in the name; `*` alone means every
/// metric) in dry-run mode.
public struct DryRun: Codable, Hashable, Sendable {
    public var metricName: String
    public var unknownFields = UnknownFields()

    public init(metricName: String) {
        self.metricName = metricName
    }
}

/// Keeps `limit` measurements (instead of 10) for the metrics `metricName` matches.
public struct MeasurementRetention: Codable, Hashable, Sendable {
    public var metricName: String
    public var limit: Int32
    public var unknownFields = UnknownFields()

    public init(metricName: String, limit: Int32) {
        self.metricName = metricName
        self.limit = limit
    }
}
