import FoundationEssentials
import KubeAPI

/// Takes the measurements a reconcile found due: asks each metric's provider, judges values with
/// the metric's conditions, and writes the outcome as a ``AnalysisMeasurement`` (times in whole seconds:
/// `startedAt` rounded down, `finishedAt` and `resumeAt` rounded up, so the next measurement is
/// never less than `interval` after the last). Messages never show Secret values.
struct Measurer: Sendable {
    let registry: ProviderRegistry
    let now: @Sendable () -> Date

    /// A measurement ready to be recorded in the metric's result.
    struct Taken: Sendable {
        var metric: String
        var measurement: AnalysisMeasurement
        /// A resumed or terminated measurement replaces the unfinished one.
        var replacesLast: Bool
        /// False for a measurement ended by termination: it measured nothing.
        var counted: Bool
        /// What the metric's result shows about the provider's configuration.
        var resultMetadata: [String: String]?
    }

    func take(
        _ task: MeasurementSchedule.Task,
        metric: Metric,
        run: AnalysisRun,
        terminating: Bool,
        arguments: RunArguments
    ) async -> Taken {
        let start = now()
        let request = MeasurementRequest(run: run, metric: metric, now: start)
        var measurement = task.inFlight ?? AnalysisMeasurement(startedAt: KubeTime(start.wholeSeconds))
        var counted = true
        let outcome: ProviderOutcome
        var resultMetadata: [String: String]?
        switch registry.provider(for: metric) {
        case .failure(let unavailable):
            outcome = .error(unavailable.message)
        case .success(let provider):
            resultMetadata = provider.metadata(for: metric)
            if let inFlight = task.inFlight {
                if terminating {
                    outcome = await provider.terminate(request, inFlight)
                } else {
                    outcome = await provider.resume(request, inFlight)
                }
            } else {
                outcome = await provider.measure(request)
            }
        }
        let finished = KubeTime(now().wholeSecondsUp)
        switch outcome {
        case .value(let value, let text, let metadata):
            let verdict = MeasurementJudgement.judge(value, metric: metric)
            measurement.phase = verdict.phase
            measurement.value = text
            measurement.message = verdict.message
            measurement.finishedAt = finished
            measurement.resumeAt = nil
            measurement.metadata = Self.merge(measurement.metadata, metadata)
        case .decided(let phase, let message, let metadata):
            measurement.phase = phase
            measurement.message = message
            measurement.finishedAt = finished
            measurement.resumeAt = nil
            measurement.metadata = Self.merge(measurement.metadata, metadata)
            if task.inFlight != nil, terminating, phase == .successful || phase == .inconclusive {
                measurement.message = "Metric Terminated"
                counted = false
            }
        case .inProgress(let resumeAt, let metadata):
            measurement.phase = .running
            measurement.resumeAt = KubeTime(resumeAt.wholeSecondsUp)
            measurement.metadata = Self.merge(measurement.metadata, metadata)
        case .error(let message, let metadata):
            measurement.phase = .error
            measurement.message = message
            measurement.finishedAt = measurement.finishedAt ?? finished
            measurement.resumeAt = nil
            measurement.metadata = Self.merge(measurement.metadata, metadata)
        }
        measurement.message = measurement.message.map(arguments.redact)
        return Taken(
            metric: task.metric.name,
            measurement: measurement,
            replacesLast: task.inFlight != nil,
            counted: counted,
            resultMetadata: resultMetadata
        )
    }

    private static func merge(_ old: [String: String]?, _ new: [String: String]?) -> [String: String]? {
        guard let new else { return old }
        return (old ?? [:]).merging(new) { _, latest in latest }
    }
}

extension Date {
    /// The next whole second (or this one when already whole).
    var wholeSecondsUp: Date {
        Date(timeIntervalSinceReferenceDate: timeIntervalSinceReferenceDate.rounded(.up))
    }
}
