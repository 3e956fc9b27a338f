import AnalysisController
import KubeAPI
import Testing

/// Judging one measurement, a metric's phase from its limits, and the counters.
@Suite struct MeasurementEvaluationTests {
    struct JudgementRow: Sendable, CustomTestStringConvertible {
        var success: String?
        var failure: String?
        var result: ConditionValue
        var phase: AnalysisPhase
        var message: String? = nil
        var testDescription: String { "success \(success ?? "-") failure \(failure ?? "-") → \(phase)" }
    }

    static let judgements: [JudgementRow] = [
        JudgementRow(success: nil, failure: nil, result: .float(0), phase: .successful),
        JudgementRow(success: "result > 1", failure: nil, result: .float(2), phase: .successful),
        JudgementRow(success: "result > 1", failure: nil, result: .float(0), phase: .failed),
        JudgementRow(success: nil, failure: "result > 1", result: .float(0), phase: .successful),
        JudgementRow(success: nil, failure: "result > 1", result: .float(2), phase: .failed),
        JudgementRow(success: "true", failure: "false", result: .bool(true), phase: .successful),
        JudgementRow(success: "true", failure: "true", result: .bool(true), phase: .failed),
        JudgementRow(success: "false", failure: "false", result: .bool(true), phase: .inconclusive),
        JudgementRow(success: "false", failure: "true", result: .bool(true), phase: .failed),
        JudgementRow(
            success: "a == true",
            failure: "true",
            result: .bool(true),
            phase: .error,
            message: "could not evaluate successCondition \"a == true\": unknown name a at column 1"
        ),
        JudgementRow(
            success: "true",
            failure: "invalidVar == true",
            result: .bool(true),
            phase: .error,
            message: "could not evaluate failureCondition \"invalidVar == true\": unknown name invalidVar at column 1"
        ),
        JudgementRow(
            success: "result[0] >= 0.95",
            failure: nil,
            result: .array([]),
            phase: .error,
            message:
                "could not evaluate successCondition \"result[0] >= 0.95\": metric result is nil or empty: no data returned from the metric provider"
        ),
        JudgementRow(
            success: "result[0] >= 0.95",
            failure: nil,
            result: .null,
            phase: .error,
            message:
                "could not evaluate successCondition \"result[0] >= 0.95\": metric result is nil or empty: no data returned from the metric provider"
        ),
        JudgementRow(
            success: "1",
            failure: nil,
            result: .float(1),
            phase: .error,
            message: "could not evaluate successCondition \"1\": expected bool, but got int at column 1"
        ),
    ]

    @Test(arguments: judgements) func judgesMeasurements(_ row: JudgementRow) {
        let verdict = MeasurementJudgement.judge(
            row.result,
            metric: Fixture.metric(success: row.success, failure: row.failure)
        )
        #expect(verdict.phase == row.phase)
        #expect(verdict.message == row.message)
    }

    struct PhaseRow: Sendable, CustomTestStringConvertible {
        var name: String
        var metric: Metric
        var measurements: [AnalysisPhase]
        var terminating = false
        var phase: AnalysisPhase
        var breach: String? = nil
        var testDescription: String { name }
    }

    static let phases: [PhaseRow] = [
        PhaseRow(name: "no measurement yet", metric: Fixture.metric(), measurements: [], phase: .pending),
        PhaseRow(
            name: "no measurement, terminating",
            metric: Fixture.metric(),
            measurements: [],
            terminating: true,
            phase: .successful
        ),
        PhaseRow(name: "measurement in flight", metric: Fixture.metric(), measurements: [.running], phase: .running),
        PhaseRow(
            name: "one success completes a default metric",
            metric: Fixture.metric(),
            measurements: [.successful],
            phase: .successful
        ),
        PhaseRow(
            name: "failed > failureLimit 0",
            metric: Fixture.metric(),
            measurements: [.failed],
            phase: .failed,
            breach: "failed (1) > failureLimit (0)"
        ),
        PhaseRow(
            name: "failed = failureLimit 1 keeps running",
            metric: Fixture.metric(interval: "1s", count: 3, failureLimit: 1),
            measurements: [.failed, .successful],
            phase: .running
        ),
        PhaseRow(
            name: "failed 2 > failureLimit 1",
            metric: Fixture.metric(interval: "1s", count: 3, failureLimit: 1),
            measurements: [.failed, .failed],
            phase: .failed,
            breach: "failed (2) > failureLimit (1)"
        ),
        PhaseRow(
            name: "failureLimit -1 ignores failures",
            metric: Fixture.metric(interval: "1s", failureLimit: -1, consecutiveSuccessLimit: 2),
            measurements: [.failed, .failed, .failed],
            phase: .running
        ),
        PhaseRow(
            name: "inconclusive > inconclusiveLimit 0",
            metric: Fixture.metric(),
            measurements: [.inconclusive],
            phase: .inconclusive,
            breach: "inconclusive (1) > inconclusiveLimit (0)"
        ),
        PhaseRow(
            name: "inconclusive within inconclusiveLimit 1",
            metric: Fixture.metric(interval: "1s", count: 2, inconclusiveLimit: 1),
            measurements: [.inconclusive],
            phase: .running
        ),
        PhaseRow(
            name: "four errors in a row are tolerated",
            metric: Fixture.metric(),
            measurements: [.error, .error, .error, .error],
            phase: .running
        ),
        PhaseRow(
            name: "five errors in a row exceed the default limit 4",
            metric: Fixture.metric(),
            measurements: [.error, .error, .error, .error, .error],
            phase: .error,
            breach: "consecutiveErrors (5) > consecutiveErrorLimit (4)"
        ),
        PhaseRow(
            name: "an error limit of 0 fails at the first error",
            metric: Fixture.metric(consecutiveErrorLimit: 0),
            measurements: [.error],
            phase: .error,
            breach: "consecutiveErrors (1) > consecutiveErrorLimit (0)"
        ),
        PhaseRow(
            name: "a success resets the consecutive errors",
            metric: Fixture.metric(interval: "1s", count: 3),
            measurements: [.error, .error, .error, .error, .successful, .error],
            phase: .running
        ),
        PhaseRow(
            name: "errors do not count towards count",
            metric: Fixture.metric(interval: "1s", count: 2),
            measurements: [.successful, .error],
            phase: .running
        ),
        PhaseRow(
            name: "count reached with failures within the limit",
            metric: Fixture.metric(interval: "1s", count: 3, failureLimit: 1),
            measurements: [.successful, .failed, .successful],
            phase: .successful
        ),
        PhaseRow(
            name: "consecutiveSuccessLimit reached",
            metric: Fixture.metric(interval: "1s", count: 5, failureLimit: 2, consecutiveSuccessLimit: 2),
            measurements: [.failed, .successful, .successful],
            phase: .successful
        ),
        PhaseRow(
            name: "count reached, both limits undecided: Inconclusive",
            metric: Fixture.metric(interval: "1s", count: 3, failureLimit: 1, consecutiveSuccessLimit: 2),
            measurements: [.successful, .failed, .successful],
            phase: .inconclusive
        ),
        PhaseRow(
            name: "count reached, success limit only, not reached: Failed",
            metric: Fixture.metric(interval: "1s", count: 3, failureLimit: -1, consecutiveSuccessLimit: 3),
            measurements: [.successful, .failed, .successful],
            phase: .failed
        ),
        PhaseRow(
            name: "indefinite metric keeps running",
            metric: Fixture.metric(interval: "1s"),
            measurements: [.successful, .successful],
            phase: .running
        ),
        PhaseRow(
            name: "a failure still fails when terminating",
            metric: Fixture.metric(interval: "1s"),
            measurements: [.successful, .failed],
            terminating: true,
            phase: .failed,
            breach: "failed (1) > failureLimit (0)"
        ),
        PhaseRow(
            name: "indefinite metric without failures ends Successful when terminating",
            metric: Fixture.metric(interval: "1s"),
            measurements: [.successful],
            terminating: true,
            phase: .successful
        ),
        PhaseRow(
            name: "the later rule wins: Error over Failed",
            metric: Fixture.metric(interval: "1s", consecutiveErrorLimit: 0),
            measurements: [.failed, .error],
            phase: .error,
            breach: "consecutiveErrors (1) > consecutiveErrorLimit (0)"
        ),
        PhaseRow(
            name: "count as a string argument value",
            metric: {
                var metric = Fixture.metric(interval: "1s")
                metric.count = .string("2")
                return metric
            }(),
            measurements: [.successful, .successful],
            phase: .successful
        ),
    ]

    @Test(arguments: phases) func assessesMetrics(_ row: PhaseRow) {
        let result = Fixture.result(row.measurements)
        #expect(MetricAssessment.phase(row.metric, result, terminating: row.terminating) == row.phase)
        #expect(MetricAssessment.breach(row.metric, result)?.message == row.breach)
    }

    @Test func completedMetricsKeepTheirPhase() {
        let result = Fixture.result([.successful], phase: .failed)
        #expect(MetricAssessment.phase(Fixture.metric(), result, terminating: false) == .failed)
    }

    @Test func ledgerKeepsCounters() {
        let result = Fixture.result([.successful, .successful, .failed, .inconclusive, .error, .error, .successful])
        #expect(result.count == 5)
        #expect(result.successful == 3)
        #expect(result.failed == 1)
        #expect(result.inconclusive == 1)
        #expect(result.error == 2)
        #expect(result.consecutiveError == nil)
        #expect(result.consecutiveSuccess == 1)
        #expect(result.measurements?.count == 7)

        var errors = Fixture.result([.successful, .successful, .error])
        #expect(errors.consecutiveError == 1 && errors.consecutiveSuccess == nil && errors.count == 2)
        // A resumed measurement replaces the unfinished one; a terminated one is kept but not counted.
        errors = Fixture.result([.running])
        MeasurementLedger.record(Fixture.measurement(.successful), in: &errors, replacingLast: true)
        #expect(errors.measurements?.count == 1 && errors.successful == 1)
        var terminated = Fixture.result([.running])
        MeasurementLedger.record(
            Fixture.measurement(.inconclusive),
            in: &terminated,
            replacingLast: true,
            counted: false
        )
        #expect(
            terminated.measurements?.last?.phase == .inconclusive && terminated.count == nil
                && terminated.inconclusive == nil
        )
    }

    @Test(
        arguments: [
            (nil, 15, 10), (20, 25, 20), (5, 7, 5), (0, 12, 10), (20, 8, 8),
        ] as [(Int32?, Int, Int)]
    )
    func retentionKeepsTheNewestMeasurements(_ limit: Int32?, _ taken: Int, _ kept: Int) throws {
        var status = AnalysisRunStatus(metricResults: [
            Fixture.result("a", Array(repeating: .successful, count: taken)), Fixture.result("b", [.successful]),
        ])
        let rules = limit.map { [MeasurementRetention(metricName: "a", limit: $0)] } ?? []
        let retention = try MetricValidation.retentionLimits(
            rules,
            metrics: [Fixture.metric("a"), Fixture.metric("b")]
        )
        let trimmed = MeasurementLedger.trim(&status, retention: retention)
        let measurements = try #require(status.result(named: "a")?.measurements)
        #expect(measurements.count == kept)
        #expect(measurements.last?.finishedAt == Fixture.time(Double(taken - 1)))
        #expect(trimmed == (taken > kept ? ["a"] : []))
        #expect(status.result(named: "a")?.count == Int32(taken))
    }
}

/// Which provider measures a metric.
@Suite struct ProviderRegistryTests {
    struct Fake: MeasurementProvider {
        let name: String
        func measure(_ request: MeasurementRequest) async -> ProviderOutcome { .value(.null, text: "") }
    }

    @Test func metricsFindTheirProviderOrSayWhyNot() throws {
        let registry = ProviderRegistry([Fake(name: "web"), Fake(name: "prometheus")])
        let web = try registry.provider(for: Fixture.metric()).get()
        #expect(web.name == "web")
        var datadog = Metric(name: "dd")
        datadog.provider.datadog = try KubeJSON.decode(DatadogMetric.self, from: ["query": "avg:x{*}"])
        #expect(
            throws: ProviderUnavailable(
                message: "the datadog provider is not supported by Vane (metric 'dd'); supported: prometheus, web"
            )
        ) { try registry.provider(for: datadog).get() }
        #expect(throws: ProviderUnavailable(message: "no valid provider in metric 'none'")) {
            try registry.provider(for: Metric(name: "none")).get()
        }
    }

    @Test func jobNamesFitSixtyThreeCharacters() {
        let uid = "0b0d7c7e-5f5c-4d3e-9a8b-1234567890ab"
        var result = MetricResult(name: "m")
        result.count = 2
        result.error = 1
        #expect(JobProvider.jobName(runUID: uid, metric: "smoke", result: result) == "\(uid).smoke.4")
        let long = JobProvider.jobName(runUID: uid, metric: String(repeating: "x", count: 40), result: nil)
        #expect(long.count == 63)
        #expect(long == "\(uid).\(String(repeating: "x", count: 24)).1")
    }
}
