public import FoundationEssentials
public import KubeAPI

/// The run's phase from its metrics' phases: Running while any metric is incomplete, then the
/// worst of them (Successful < Inconclusive < Error < Failed). A Failed, Error or Inconclusive
/// metric that is not a dry run makes the run terminate (indefinite metrics then end Successful);
/// dry-run metrics never change the run's phase and count in `dryRunSummary`. Updates each
/// metric's phase and message and both summaries in `status`, and says which events to record.
public enum RunAssessment {
    public struct Outcome: Sendable, Hashable {
        public var phase: AnalysisPhase
        public var message: String
        /// `Metric<Phase>` events for metrics that completed in this assessment.
        public var events: [AnalysisEvent]
    }

    /// True when the run must stop measuring: terminate was asked for, or a metric that is not a
    /// dry run ended Failed, Error or Inconclusive.
    public static func isTerminating(_ run: AnalysisRun) -> Bool {
        if run.spec.terminate == true { return true }
        return (run.status?.metricResults ?? []).contains { result in
            result.dryRun != true && [.failed, .error, .inconclusive].contains(result.phase)
        }
    }

    public static func assess(
        _ run: inout AnalysisRun,
        metrics: [Metric],
        dryRun: Set<String>,
        now: Date
    ) -> Outcome {
        let terminating = isTerminating(run)
        var status = run.status ?? AnalysisRunStatus()
        if status.startedAt == nil { status.startedAt = KubeTime(now.wholeSeconds) }
        var worst: AnalysisPhase?
        var message = run.spec.terminate == true ? "Run Terminated" : ""
        var everythingCompleted = true
        var summary = Summary()
        var dryRunSummary = Summary()
        var events: [AnalysisEvent] = []
        for metric in metrics {
            let isDryRun = dryRun.contains(metric.name)
            if isDryRun { dryRunSummary.count += 1 } else { summary.count += 1 }
            guard var result = status.result(named: metric.name) else {
                // Not measured yet (an initial delay).
                everythingCompleted = false
                continue
            }
            let phase = MetricAssessment.phase(metric, result, terminating: terminating)
            if result.phase != phase {
                if phase.isCompleted {
                    events.append(
                        AnalysisEvent(
                            reason: "Metric\(phase)",
                            message: "Metric '\(metric.name)' Completed. Result: \(phase)",
                            warning: phase == .error || phase == .failed
                        )
                    )
                }
                if let last = result.lastMeasurement { result.message = last.message }
                result.phase = phase
            }
            guard phase.isCompleted else {
                everythingCompleted = false
                status.setResult(result)
                continue
            }
            let breach = MetricAssessment.breach(metric, result)
            if isDryRun {
                if worst == nil { worst = .successful }
                if let breach { result.message = "Metric assessed \(phase) due to \(breach.message)" }
                dryRunSummary.add(breach?.phase ?? .successful)
            } else {
                if worst.map({ $0.isWorse(phase) }) ?? true {
                    worst = phase
                    if let breach {
                        message = "Metric \"\(metric.name)\" assessed \(phase) due to \(breach.message)"
                        if let detail = result.message, !detail.isEmpty { message += ": \"Error Message: \(detail)\"" }
                    }
                }
                summary.add(breach?.phase ?? .successful)
            }
            status.setResult(result)
        }
        status.runSummary = summary.wire
        status.dryRunSummary = dryRunSummary.wire
        run.status = status
        message = message.trimmingWhitespace()
        if terminating { return Outcome(phase: worst ?? .successful, message: message, events: events) }
        guard everythingCompleted, let worst else { return Outcome(phase: .running, message: "", events: events) }
        return Outcome(phase: worst, message: message, events: events)
    }

    private struct Summary {
        var count = 0
        var successful = 0
        var failed = 0
        var inconclusive = 0
        var error = 0

        mutating func add(_ phase: AnalysisPhase) {
            switch phase {
            case .error: error += 1
            case .failed: failed += 1
            case .inconclusive: inconclusive += 1
            default: successful += 1
            }
        }

        var wire: RunSummary {
            func value(_ number: Int) -> Int32? { number == 0 ? nil : Int32(number) }
            return RunSummary(
                count: value(count),
                successful: value(successful),
                failed: value(failed),
                inconclusive: value(inconclusive),
                error: value(error)
            )
        }
    }
}

extension Date {
    /// The time as the API server keeps it (whole seconds), so decisions made from a fresh value
    /// agree with those made later from the stored one.
    public var wholeSeconds: Date {
        Date(timeIntervalSinceReferenceDate: timeIntervalSinceReferenceDate.rounded(.down))
    }
}
