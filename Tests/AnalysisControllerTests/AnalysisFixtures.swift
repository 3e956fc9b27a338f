import AnalysisController
import Foundation
import KubeAPI

/// Builders for metrics, measurements and runs in table tests.
enum Fixture {
    /// A whole-second instant all tables count from.
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }
    static func time(_ seconds: Double) -> KubeTime { KubeTime(at(seconds)) }

    static func metric(
        _ name: String = "m",
        interval: String? = nil,
        initialDelay: String? = nil,
        count: Int? = nil,
        success: String? = nil,
        failure: String? = nil,
        failureLimit: Int? = nil,
        inconclusiveLimit: Int? = nil,
        consecutiveErrorLimit: Int? = nil,
        consecutiveSuccessLimit: Int? = nil
    ) -> Metric {
        Metric(
            name: name,
            interval: interval,
            initialDelay: initialDelay,
            count: count.map(IntOrString.int),
            successCondition: success,
            failureCondition: failure,
            failureLimit: failureLimit.map(IntOrString.int),
            inconclusiveLimit: inconclusiveLimit.map(IntOrString.int),
            consecutiveErrorLimit: consecutiveErrorLimit.map(IntOrString.int),
            consecutiveSuccessLimit: consecutiveSuccessLimit.map(IntOrString.int),
            provider: MetricProvider(web: WebMetric(url: "http://example.test/{{args.path}}"))
        )
    }

    static func measurement(
        _ phase: AnalysisPhase,
        finished: Double? = 0,
        resumeAt: Double? = nil
    ) -> AnalysisMeasurement {
        AnalysisMeasurement(
            phase: phase,
            startedAt: time(finished ?? 0),
            finishedAt: finished.map(time),
            resumeAt: resumeAt.map(time)
        )
    }

    static func result(_ phases: [AnalysisPhase], phase: AnalysisPhase? = .running) -> MetricResult {
        result("m", phases, phase: phase)
    }

    /// A result whose counters follow from `phases`, as the ledger keeps them.
    static func result(
        _ name: String,
        _ phases: [AnalysisPhase],
        phase: AnalysisPhase? = .running,
        dryRun: Bool = false
    )
        -> MetricResult
    {
        var result = MetricResult(name: name, phase: phase)
        if dryRun { result.dryRun = true }
        for (index, measured) in phases.enumerated() {
            MeasurementLedger.record(
                measurement(measured, finished: measured.isCompleted ? Double(index) : nil),
                in: &result,
                replacingLast: false
            )
        }
        result.phase = phase
        return result
    }

    static func run(
        _ metrics: [Metric],
        results: [MetricResult] = [],
        terminate: Bool = false,
        dryRun: [String] = [],
        startedAt: Double? = 0,
        args: [AnalysisArgument] = [AnalysisArgument(name: "path", value: "ok")]
    ) -> AnalysisRun {
        AnalysisRun(
            metadata: ObjectMeta(name: "run", namespace: "default"),
            spec: AnalysisRunSpec(
                metrics: metrics,
                args: args,
                terminate: terminate ? true : nil,
                dryRun: dryRun.isEmpty ? nil : dryRun.map(DryRun.init(metricName:))
            ),
            status: AnalysisRunStatus(
                phase: .running,
                metricResults: results.isEmpty ? nil : results,
                startedAt: startedAt.map(time)
            )
        )
    }
}
