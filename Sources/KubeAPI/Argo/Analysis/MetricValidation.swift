/// The rules a run's metrics must keep before anything is measured (the run is then `Error`, a
/// Rollout referencing them `InvalidSpec`). Messages name the metric by index and name.
public enum MetricValidation {
    /// Checks the metrics of a run or of flattened templates (after argument substitution).
    public static func validate(_ metrics: [Metric]) throws(AnalysisSpecError) {
        if metrics.isEmpty { throw AnalysisSpecError("no metrics specified") }
        var names = Set<String>()
        for (index, metric) in metrics.enumerated() {
            guard names.insert(metric.name).inserted else {
                throw AnalysisSpecError("metrics[\(index)]: duplicate name '\(metric.name)'")
            }
            if let problem = problem(with: metric) {
                throw AnalysisSpecError("metrics[\(index)] '\(metric.name)': \(problem)")
            }
        }
    }

    /// What is wrong with one metric, in the incumbent's words; nil when it is valid.
    public static func problem(with metric: Metric) -> String? {
        let count = metric.countValue
        let failureLimit = metric.failureLimitValue
        let consecutiveSuccessLimit = metric.consecutiveSuccessLimitValue
        let inconclusiveLimit = metric.inconclusiveLimitValue
        if consecutiveSuccessLimit < 0 { return "consecutiveSuccessLimit must be >= 0" }
        if failureLimit < -1 { return "failureLimit must be >= 0, or -1 to be disabled" }
        if consecutiveSuccessLimit == 0 && failureLimit == -1 {
            return "failureLimit and consecutiveSuccessLimit cannot both be disabled"
        }
        if inconclusiveLimit < 0 { return "inconclusiveLimit must be >= 0" }
        if metric.consecutiveErrorLimitValue < 0 { return "consecutiveErrorLimit must be >= 0" }
        if count > 0 {
            if failureLimit >= 0 {
                if count < failureLimit + consecutiveSuccessLimit {
                    return
                        "count (\(count)) must be >= failureLimit + consecutiveSuccessLimit (\(failureLimit) + \(consecutiveSuccessLimit)) if both >= 0"
                }
            } else if count < consecutiveSuccessLimit {
                return "count must be >= consecutiveSuccessLimit"
            }
            if count < inconclusiveLimit { return "count must be >= inconclusiveLimit" }
        }
        if count > 1 && !metric.hasInterval { return "interval must be specified when count > 1" }
        do {
            _ = try metric.intervalDuration()
        } catch {
            return "invalid interval string: \(error)"
        }
        do {
            _ = try metric.initialDelayDuration()
        } catch {
            return "invalid startDelay string: \(error)"
        }
        let providers = metric.provider.configuredNames
        if providers.isEmpty { return "no provider specified" }
        if providers.count > 1 { return "multiple providers specified" }
        return nil
    }

    /// Which metrics run in dry-run mode; a rule matching no metric is an error.
    public static func dryRunMetrics(_ rules: [DryRun], metrics: [Metric]) throws(AnalysisSpecError) -> Set<String> {
        var names = Set<String>()
        for (index, rule) in rules.enumerated() {
            let matched = metrics.filter { rule.matches($0.name) }
            if matched.isEmpty { throw AnalysisSpecError("dryRun[\(index)]: Rule didn't match any metric name(s)") }
            names.formUnion(matched.map(\.name))
        }
        return names
    }

    /// How many measurements each metric keeps where a rule says (the last matching rule wins); a
    /// rule matching no metric is an error.
    public static func retentionLimits(
        _ rules: [MeasurementRetention],
        metrics: [Metric]
    ) throws(AnalysisSpecError) -> [String: Int] {
        var limits: [String: Int] = [:]
        for (index, rule) in rules.enumerated() {
            let matched = metrics.filter { rule.matches($0.name) }
            if matched.isEmpty {
                throw AnalysisSpecError("measurementRetention[\(index)]: Rule didn't match any metric name(s)")
            }
            for metric in matched { limits[metric.name] = Int(rule.limit) }
        }
        return limits
    }
}
