public import KubeAPI

/// A metric's phase from its counters and limits: Failed when failed > failureLimit (unless −1),
/// Inconclusive when inconclusive > inconclusiveLimit, Error when consecutiveError >
/// consecutiveErrorLimit (later rules win); otherwise Successful once consecutiveSuccessLimit
/// or the count is reached, Running while measuring, and Successful when the run terminates.
public enum MetricAssessment {
    /// The limit a metric broke, if any, with the incumbent's message (`failed (2) > failureLimit (1)`).
    public static func breach(_ metric: Metric, _ result: MetricResult) -> (phase: AnalysisPhase, message: String)? {
        var breach: (AnalysisPhase, String)?
        let failureLimit = metric.failureLimitValue
        let failed = Int(result.failed ?? 0)
        if failureLimit >= 0 && failed > failureLimit {
            breach = (.failed, "failed (\(failed)) > failureLimit (\(failureLimit))")
        }
        let inconclusive = Int(result.inconclusive ?? 0)
        if inconclusive > metric.inconclusiveLimitValue {
            breach = (
                .inconclusive, "inconclusive (\(inconclusive)) > inconclusiveLimit (\(metric.inconclusiveLimitValue))"
            )
        }
        let errors = Int(result.consecutiveError ?? 0)
        if errors > metric.consecutiveErrorLimitValue {
            breach = (
                .error, "consecutiveErrors (\(errors)) > consecutiveErrorLimit (\(metric.consecutiveErrorLimitValue))"
            )
        }
        return breach
    }

    /// The metric's phase now. `terminating`: the run was told to stop or another metric ended it.
    public static func phase(_ metric: Metric, _ result: MetricResult, terminating: Bool) -> AnalysisPhase {
        if let phase = result.phase, phase.isCompleted { return phase }
        guard let last = result.measurements?.last else { return terminating ? .successful : .pending }
        guard last.phase?.isCompleted == true else { return .running }
        if let breach = breach(metric, result) { return breach.phase }
        let successLimit = metric.consecutiveSuccessLimitValue
        if successLimit > 0 && Int(result.consecutiveSuccess ?? 0) >= successLimit { return .successful }
        if let count = metric.effectiveCount, Int(result.count ?? 0) >= count {
            let failureApplies = metric.failureLimitValue >= 0
            switch (failureApplies, successLimit > 0) {
            // Neither limit decided within the count.
            case (true, true): return .inconclusive
            case (false, true): return .failed
            default: return .successful
            }
        }
        return terminating ? .successful : .running
    }
}
