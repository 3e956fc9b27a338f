public import KubeAPI

/// What a run's spec means before anything is measured: its metrics with arguments substituted
/// (Secrets replaced by a placeholder, so nothing secret is read or shown), checked by the
/// validation rules and with their conditions parsed, the dry-run metrics and the retention
/// limits. A run whose spec fails here ends in Error with the reason.
public struct RunSpecification: Sendable {
    /// The run's metrics as written.
    public var metrics: [Metric]
    /// The same metrics with arguments substituted (placeholders for Secrets).
    public var resolved: [Metric]
    public var dryRun: Set<String>
    public var retention: [String: Int]

    /// Why a run cannot be measured; the message is the run's status message.
    public struct Invalid: Error, Sendable, Hashable {
        public var message: String

        public init(message: String) {
            self.message = message
        }
    }

    public init(_ run: AnalysisRun) throws(Invalid) {
        metrics = run.spec.metrics
        do {
            let arguments = try RunArguments.withoutSecrets(run).arguments
            var resolved: [Metric] = []
            for metric in metrics { resolved.append(try AnalysisArguments.resolve(metric, with: arguments)) }
            self.resolved = resolved
        } catch {
            throw Invalid(message: "Unable to resolve metric arguments: \(error)")
        }
        do {
            try MetricValidation.validate(resolved)
            let secretArguments = Set(
                (run.spec.args ?? []).filter { $0.valueFrom?.secretKeyRef != nil }.map { "args.\($0.name)" }
            )
            for (index, (metric, written)) in zip(resolved, metrics).enumerated() {
                try Self.checkConditions(metric, written: written, index: index, secretArguments: secretArguments)
            }
            dryRun = try MetricValidation.dryRunMetrics(run.spec.dryRun ?? [], metrics: resolved)
            retention = try MetricValidation.retentionLimits(run.spec.measurementRetention ?? [], metrics: resolved)
        } catch {
            throw Invalid(message: "Analysis spec invalid: \(error)")
        }
    }

    /// A condition that does not parse makes the run invalid at once, naming the metric and the
    /// column, rather than erroring at every measurement. (Conditions built from Secret arguments
    /// are checked when measured: the placeholder would not parse.)
    private static func checkConditions(
        _ metric: Metric,
        written: Metric,
        index: Int,
        secretArguments: Set<String>
    )
        throws(AnalysisSpecError)
    {
        for (field, source, original) in [
            ("successCondition", metric.successCondition, written.successCondition),
            ("failureCondition", metric.failureCondition, written.failureCondition),
        ] {
            guard let source, !source.isEmpty else { continue }
            if let original, secretArguments.contains(where: { original.contains($0) }) { continue }
            do {
                _ = try Condition(source)
            } catch {
                throw AnalysisSpecError("metrics[\(index)] '\(metric.name)': \(field) \"\(source)\": \(error)")
            }
        }
    }
}
