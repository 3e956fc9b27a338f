public import KubeAPI

/// Adds measurements to a metric's result and keeps its counters: Successful, Failed and
/// Inconclusive count (`count`); Error counts only in `error` and `consecutiveError`. Also trims
/// the history to the retention limit.
public enum MeasurementLedger {
    /// The number of measurements kept per metric unless `measurementRetention` says otherwise.
    public static let defaultRetention = 10

    /// Puts `measurement` in `result`: replacing the last one when `replacingLast` (a resumed
    /// measurement), appending otherwise. A completed measurement updates the counters, unless it
    /// ended because the run terminated (`counted: false`): that one measured nothing.
    public static func record(
        _ measurement: AnalysisMeasurement,
        in result: inout MetricResult,
        replacingLast: Bool,
        counted: Bool = true
    ) {
        var measurements = result.measurements ?? []
        if replacingLast, !measurements.isEmpty {
            measurements[measurements.count - 1] = measurement
        } else {
            measurements.append(measurement)
        }
        result.measurements = measurements
        guard counted, let phase = measurement.phase, phase.isCompleted else { return }
        switch phase {
        case .successful:
            bump(&result.successful)
            bump(&result.count)
            result.consecutiveError = nil
            bump(&result.consecutiveSuccess)
        case .failed, .inconclusive:
            if phase == .failed { bump(&result.failed) } else { bump(&result.inconclusive) }
            bump(&result.count)
            result.consecutiveError = nil
            result.consecutiveSuccess = nil
        default:
            bump(&result.error)
            bump(&result.consecutiveError)
            result.consecutiveSuccess = nil
        }
    }

    private static func bump(_ counter: inout Int32?) {
        counter = (counter ?? 0) + 1
    }

    /// How many measurements `metric` keeps: its retention rule's limit when positive, else 10.
    public static func limit(for metric: String, retention: [String: Int]) -> Int {
        if let limit = retention[metric], limit > 0 { return limit }
        return defaultRetention
    }

    /// Drops the oldest measurements beyond the limit; returns the names of the trimmed metrics.
    @discardableResult
    public static func trim(_ status: inout AnalysisRunStatus, retention: [String: Int]) -> [String] {
        var trimmed: [String] = []
        for index in (status.metricResults ?? []).indices {
            guard var result = status.metricResults?[index], let measurements = result.measurements else { continue }
            let limit = limit(for: result.name, retention: retention)
            guard measurements.count > limit else { continue }
            result.measurements = Array(measurements.suffix(limit))
            status.metricResults?[index] = result
            trimmed.append(result.name)
        }
        return trimmed
    }
}
