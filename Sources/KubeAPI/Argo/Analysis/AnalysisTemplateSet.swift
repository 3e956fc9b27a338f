/// The templates a Rollout's analysis names, nested references followed and duplicates dropped,
/// and the AnalysisRun they make together with the Rollout's arguments. Pure: templates are looked
/// up through closures (the caller's caches).
public struct AnalysisTemplateSet: Hashable, Sendable {
    public var templates: [AnalysisTemplate]
    public var clusterTemplates: [ClusterAnalysisTemplate]

    public init(templates: [AnalysisTemplate] = [], clusterTemplates: [ClusterAnalysisTemplate] = []) {
        self.templates = templates
        self.clusterTemplates = clusterTemplates
    }

    /// Follows `references` and the templates they reference in turn, keeping the first of each
    /// name. A missing template is an error naming it; a template referencing itself again is
    /// followed once.
    public static func collect(
        _ references: [AnalysisTemplateRef],
        template: (String) -> AnalysisTemplate?,
        clusterTemplate: (String) -> ClusterAnalysisTemplate?
    ) throws(AnalysisSpecError) -> AnalysisTemplateSet {
        var set = AnalysisTemplateSet()
        var seen = Set<String>()
        var pending = references[...]
        while let reference = pending.popFirst() {
            let name = reference.templateName ?? ""
            let key = (reference.isClusterScope ? "cluster/" : "namespace/") + name
            guard seen.insert(key).inserted else { continue }
            let nested: [AnalysisTemplateRef]
            if reference.isClusterScope {
                guard let found = clusterTemplate(name) else {
                    throw AnalysisSpecError("ClusterAnalysisTemplate '\(name)' not found")
                }
                set.clusterTemplates.append(found)
                nested = found.spec.templates ?? []
            } else {
                guard let found = template(name) else {
                    throw AnalysisSpecError("AnalysisTemplate '\(name)' not found")
                }
                set.templates.append(found)
                nested = found.spec.templates ?? []
            }
            pending = nested[...] + pending
        }
        return set
    }

    private var specs: [AnalysisTemplateSpec] { templates.map(\.spec) + clusterTemplates.map(\.spec) }

    /// The templates combined into one spec: all metrics (names must be unique), the arguments
    /// (one name may appear in several templates if the values agree), dry-run and retention rules.
    public func flattened() throws(AnalysisSpecError) -> AnalysisTemplateSpec {
        var metrics: [Metric] = []
        var names = Set<String>()
        for metric in specs.flatMap({ $0.metrics ?? [] }) {
            guard names.insert(metric.name).inserted else {
                throw AnalysisSpecError("two metrics have the same name '\(metric.name)'")
            }
            metrics.append(metric)
        }
        var arguments: [AnalysisArgument] = []
        for argument in specs.flatMap({ $0.args ?? [] }) {
            guard let index = arguments.firstIndex(where: { $0.name == argument.name }) else {
                arguments.append(argument)
                continue
            }
            let previous = arguments[index]
            if let old = previous.value, let new = argument.value, old != new {
                throw AnalysisSpecError(
                    "Argument `\(argument.name)` specified multiple times with different values: '\(old)', '\(new)'"
                )
            }
            if previous.value == nil { arguments[index] = argument }
        }
        let dryRun = try Self.uniqueRules(specs.flatMap { $0.dryRun ?? [] }, kind: "Dry-Run")
        let retention = try Self.uniqueRules(
            specs.flatMap { $0.measurementRetention ?? [] },
            kind: "Measurement Retention"
        )
        return AnalysisTemplateSpec(
            metrics: metrics,
            args: arguments.isEmpty ? nil : arguments,
            dryRun: dryRun.isEmpty ? nil : dryRun,
            measurementRetention: retention.isEmpty ? nil : retention
        )
    }

    /// An AnalysisRun of these templates: the Rollout's `arguments` merged into the templates' (each
    /// must then have a value), its dry-run and retention rules before the templates'.
    public func makeRun(
        name: String,
        namespace: String?,
        arguments: [AnalysisArgument],
        dryRun: [DryRun] = [],
        measurementRetention: [MeasurementRetention] = [],
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        owner: OwnerReference? = nil
    ) throws(AnalysisSpecError) -> AnalysisRun {
        let template = try flattened()
        let args = try AnalysisArguments.merge(arguments, into: template.args ?? [])
        let runDryRun = try Self.uniqueRules(dryRun + (template.dryRun ?? []), kind: "Dry-Run")
        let runRetention = try Self.uniqueRules(
            measurementRetention + (template.measurementRetention ?? []),
            kind: "Measurement Retention"
        )
        return AnalysisRun(
            metadata: ObjectMeta(
                name: name,
                namespace: namespace,
                labels: labels,
                annotations: annotations,
                ownerReferences: owner.map { [$0] }
            ),
            spec: AnalysisRunSpec(
                metrics: template.metrics ?? [],
                args: args.isEmpty ? nil : args,
                dryRun: runDryRun.isEmpty ? nil : runDryRun,
                measurementRetention: runRetention.isEmpty ? nil : runRetention
            )
        )
    }

    private static func uniqueRules<Rule: MetricRule>(_ rules: [Rule], kind: String) throws(AnalysisSpecError) -> [Rule]
    {
        var names = Set<String>()
        for rule in rules where !names.insert(rule.metricName).inserted {
            throw AnalysisSpecError("two \(kind) metric rules have the same name '\(rule.metricName)'")
        }
        return rules
    }
}

/// A rule that applies to the metrics its `metricName` pattern matches.
public protocol MetricRule {
    var metricName: String { get }
}

extension DryRun: MetricRule {}
extension MeasurementRetention: MetricRule {}

extension MetricRule {
    /// Whether the rule applies to metric `name`: `*` matches all; otherwise the pattern is a
    /// regular expression matched anywhere in the name (an invalid one matches nothing).
    public func matches(_ name: String) -> Bool {
        if metricName == "*" { return true }
        guard let regex = try? Regex(metricName) else { return false }
        return (try? regex.firstMatch(in: name)) != nil
    }
}
