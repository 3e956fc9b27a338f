public import KubeAPI

/// Judges one measured value with the metric's conditions: both empty ⇒ Successful; only a
/// success condition ⇒ Failed when it is false; only a failure condition ⇒ Successful when it is
/// false; both ⇒ Failed if the failure condition holds, Successful if the success condition
/// holds, Inconclusive if neither. A condition that cannot be evaluated makes the measurement an
/// Error whose message quotes the condition and says why.
public enum MeasurementJudgement {
    public struct Verdict: Sendable, Hashable {
        public var phase: AnalysisPhase
        /// Why the measurement is an Error; nil otherwise.
        public var message: String?
    }

    public static func judge(_ result: ConditionValue, metric: Metric) -> Verdict {
        let success = metric.successCondition ?? ""
        let failure = metric.failureCondition ?? ""
        var succeeded = false
        var failed = false
        do {
            if !success.isEmpty { succeeded = try evaluate(success, "successCondition", result) }
            if !failure.isEmpty { failed = try evaluate(failure, "failureCondition", result) }
        } catch {
            return Verdict(phase: .error, message: error.message)
        }
        switch (success.isEmpty, failure.isEmpty) {
        case (true, true): return Verdict(phase: .successful)
        case (false, true): failed = !succeeded
        case (true, false): succeeded = !failed
        case (false, false): break
        }
        if failed { return Verdict(phase: .failed) }
        return Verdict(phase: succeeded ? .successful : .inconclusive)
    }

    private static func evaluate(
        _ source: String,
        _ field: String,
        _ result: ConditionValue
    ) throws(AnalysisSpecError)
        -> Bool
    {
        do {
            return try Condition(source).evaluate(result: result)
        } catch {
            if isNilOrEmpty(result) {
                throw AnalysisSpecError(
                    "could not evaluate \(field) \"\(source)\": metric result is nil or empty: no data returned from the metric provider"
                )
            }
            throw AnalysisSpecError("could not evaluate \(field) \"\(source)\": \(error)")
        }
    }

    private static func isNilOrEmpty(_ result: ConditionValue) -> Bool {
        switch result {
        case .null: true
        case .array(let elements): elements.isEmpty
        default: false
        }
    }
}
