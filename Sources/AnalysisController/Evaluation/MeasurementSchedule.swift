public import FoundationEssentials
public import KubeAPI

/// When each metric is measured, from the run's status alone (so a restarted controller or a new
/// leader picks up the same schedule): the first measurement after `initialDelay`, the next one
/// `interval` after the last finished, an Error retried after 10 s, an unfinished measurement
/// looked at again at its `resumeAt`. The controller requeues the run at ``nextReconcile``.
public enum MeasurementSchedule {
    /// How soon a measurement that ended in Error is retried.
    public static let errorRetryInterval: Duration = .seconds(10)

    /// A metric to measure now: a new measurement, or the unfinished `inFlight` one to resume
    /// (or, when the run terminates, to terminate).
    public struct Task: Sendable, Hashable {
        public var metric: Metric
        public var inFlight: AnalysisMeasurement?

        public init(metric: Metric, inFlight: AnalysisMeasurement? = nil) {
            self.metric = metric
            self.inFlight = inFlight
        }
    }

    /// The measurements due at `now`. `metrics` are the run's own (arguments not yet substituted);
    /// `resolved` the same with arguments substituted (for intervals written as arguments).
    public static func dueTasks(_ run: AnalysisRun, metrics: [Metric], resolved: [Metric], now: Date) -> [Task] {
        let terminating = RunAssessment.isTerminating(run)
        var tasks: [Task] = []
        for (metric, resolvedMetric) in zip(metrics, resolved) {
            let result = run.status?.result(named: metric.name)
            if result?.phase?.isCompleted == true { continue }
            let last = result?.lastMeasurement
            if let last, last.finishedAt == nil {
                if !terminating, let resumeAt = last.resumeAt, resumeAt.date > now { continue }
                tasks.append(Task(metric: metric, inFlight: last))
                continue
            }
            if terminating { continue }
            guard let last, let finishedAt = last.finishedAt else {
                if let delay = try? resolvedMetric.initialDelayDuration() {
                    guard let startedAt = run.status?.startedAt else { continue }
                    if startedAt.date.adding(delay) > now { continue }
                } else if resolvedMetric.hasInitialDelay {
                    continue
                }
                tasks.append(Task(metric: metric))
                continue
            }
            if let count = resolvedMetric.effectiveCount, Int(result?.count ?? 0) >= count { continue }
            guard let interval = interval(after: last, of: resolvedMetric) else { continue }
            if finishedAt.date.adding(interval) <= now { tasks.append(Task(metric: metric)) }
        }
        return tasks
    }

    /// The earliest time another measurement is due (or an unfinished one is to be looked at);
    /// nil when nothing is scheduled.
    public static func nextReconcile(_ run: AnalysisRun, metrics: [Metric], now: Date) -> Date? {
        var earliest: Date?
        func consider(_ date: Date) {
            if earliest.map({ date < $0 }) ?? true { earliest = date }
        }
        for metric in metrics {
            let result = run.status?.result(named: metric.name)
            if result?.phase?.isCompleted == true { continue }
            guard let last = result?.lastMeasurement else {
                if let delay = try? metric.initialDelayDuration() {
                    consider((run.status?.startedAt?.date ?? now).adding(delay))
                }
                continue
            }
            guard let finishedAt = last.finishedAt else {
                if let resumeAt = last.resumeAt { consider(resumeAt.date) }
                continue
            }
            if let count = metric.effectiveCount, Int(result?.count ?? 0) >= count { continue }
            if let interval = interval(after: last, of: metric) { consider(finishedAt.date.adding(interval)) }
        }
        return earliest
    }

    /// 10 s after an Error; the metric's interval otherwise (nil without one: nothing to repeat).
    private static func interval(after last: AnalysisMeasurement, of metric: Metric) -> Duration? {
        if last.phase == .error { return errorRetryInterval }
        return try? metric.intervalDuration()
    }
}

extension Date {
    /// The date `duration` later.
    public func adding(_ duration: Duration) -> Date {
        let (seconds, attoseconds) = duration.components
        return addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
