import AnalysisController
import KubeAPI
import Testing

/// The run's phase, message, summaries and events from its metrics.
@Suite struct RunAssessmentTests {
    static func assess(_ run: AnalysisRun, dryRun: Set<String> = []) -> (RunAssessment.Outcome, AnalysisRun) {
        var run = run
        let outcome = RunAssessment.assess(&run, metrics: run.spec.metrics, dryRun: dryRun, now: Fixture.at(100))
        return (outcome, run)
    }

    @Test func runsWhileAnyMetricIsIncomplete() {
        let run = Fixture.run(
            [Fixture.metric("a"), Fixture.metric("b", interval: "1s", count: 2)],
            results: [Fixture.result("a", [.successful]), Fixture.result("b", [.successful])]
        )
        let (outcome, updated) = Self.assess(run)
        #expect(outcome.phase == .running)
        #expect(outcome.message == "")
        #expect(updated.status?.result(named: "a")?.phase == .successful)
        #expect(updated.status?.result(named: "b")?.phase == .running)
        #expect(
            outcome.events == [
                AnalysisEvent(
                    reason: "MetricSuccessful",
                    message: "Metric 'a' Completed. Result: Successful",
                    warning: false
                )
            ]
        )
        #expect(updated.status?.runSummary == RunSummary(count: 2, successful: 1))
    }

    @Test func aMetricNotStartedKeepsTheRunRunning() {
        let run = Fixture.run(
            [Fixture.metric("a"), Fixture.metric("b", initialDelay: "1m")],
            results: [Fixture.result("a", [.successful])]
        )
        #expect(Self.assess(run).0.phase == .running)
    }

    @Test(arguments: [
        ([AnalysisPhase.successful, .inconclusive], AnalysisPhase.inconclusive),
        ([.inconclusive, .error], .error),
        ([.error, .failed], .failed),
        ([.failed, .successful], .failed),
        ([.successful, .successful], .successful),
    ])
    func theWorstMetricDecides(_ outcomes: [AnalysisPhase], _ expected: AnalysisPhase) {
        let limits = [AnalysisPhase.error: 0]
        let metrics = outcomes.indices.map { Fixture.metric("m\($0)", consecutiveErrorLimit: limits[outcomes[$0]]) }
        let results = outcomes.enumerated().map { Fixture.result("m\($0.offset)", [$0.element]) }
        let (outcome, updated) = Self.assess(Fixture.run(metrics, results: results))
        #expect(outcome.phase == expected)
        #expect(updated.status?.runSummary?.count == Int32(outcomes.count))
    }

    @Test func theMessageNamesTheWorstMetricAndItsProvidersMessage() {
        var failing = Fixture.result("failed-metric", [.failed])
        failing.measurements?[0].message = "Provider Error"
        let run = Fixture.run(
            [Fixture.metric("ok"), Fixture.metric("failed-metric")],
            results: [Fixture.result("ok", [.successful]), failing]
        )
        let (outcome, updated) = Self.assess(run)
        #expect(outcome.phase == .failed)
        #expect(
            outcome.message
                == "Metric \"failed-metric\" assessed Failed due to failed (1) > failureLimit (0): \"Error Message: Provider Error\""
        )
        #expect(updated.status?.result(named: "failed-metric")?.message == "Provider Error")
        #expect(updated.status?.runSummary == RunSummary(count: 2, successful: 1, failed: 1))
        #expect(updated.status?.dryRunSummary == RunSummary())
        #expect(
            outcome.events.contains(
                AnalysisEvent(
                    reason: "MetricFailed",
                    message: "Metric 'failed-metric' Completed. Result: Failed",
                    warning: true
                )
            )
        )
    }

    @Test func aFailingMetricEndsIndefiniteOnesOnTheNextAssessment() {
        // The first assessment marks the metric Failed; the run then terminates, and the indefinite
        // metric ends Successful while the run ends Failed.
        let run = Fixture.run(
            [Fixture.metric("forever", interval: "1s"), Fixture.metric("bad")],
            results: [Fixture.result("forever", [.successful]), Fixture.result("bad", [.failed])]
        )
        let (first, afterFirst) = Self.assess(run)
        #expect(first.phase == .running)
        #expect(RunAssessment.isTerminating(afterFirst))
        let (second, afterSecond) = Self.assess(afterFirst)
        #expect(second.phase == .failed)
        #expect(second.message == "Metric \"bad\" assessed Failed due to failed (1) > failureLimit (0)")
        #expect(afterSecond.status?.result(named: "forever")?.phase == .successful)
    }

    @Test func dryRunMetricsNeverChangeTheRun() {
        let run = Fixture.run(
            [Fixture.metric("real"), Fixture.metric("dry")],
            results: [Fixture.result("real", [.successful]), Fixture.result("dry", [.failed], dryRun: true)]
        )
        let (outcome, updated) = Self.assess(run, dryRun: ["dry"])
        #expect(outcome.phase == .successful)
        #expect(outcome.message == "")
        #expect(!RunAssessment.isTerminating(updated))
        #expect(updated.status?.runSummary == RunSummary(count: 1, successful: 1))
        #expect(updated.status?.dryRunSummary == RunSummary(count: 1, failed: 1))
        #expect(
            updated.status?.result(named: "dry")?.message
                == "Metric assessed Failed due to failed (1) > failureLimit (0)"
        )
    }

    @Test func onlyDryRunMetricsEndSuccessful() {
        let run = Fixture.run([Fixture.metric("dry")], results: [Fixture.result("dry", [.error], dryRun: true)])
        var metric = run.spec.metrics[0]
        metric.consecutiveErrorLimit = .int(0)
        var withLimit = run
        withLimit.spec.metrics = [metric]
        let (outcome, updated) = Self.assess(withLimit, dryRun: ["dry"])
        #expect(outcome.phase == .successful)
        #expect(updated.status?.dryRunSummary == RunSummary(count: 1, error: 1))
    }

    @Test func terminateEndsRemainingMetricsSuccessful() {
        let run = Fixture.run(
            [Fixture.metric("forever", interval: "1s"), Fixture.metric("later", initialDelay: "1h")],
            results: [Fixture.result("forever", [.successful])],
            terminate: true
        )
        let (outcome, updated) = Self.assess(run)
        #expect(outcome.phase == .successful)
        #expect(outcome.message == "Run Terminated")
        #expect(updated.status?.result(named: "forever")?.phase == .successful)
    }

    @Test func terminateBeforeAnyMeasurementIsSuccessful() {
        let (outcome, _) = Self.assess(Fixture.run([Fixture.metric("a", initialDelay: "20s")], terminate: true))
        #expect(outcome.phase == .successful)
        #expect(outcome.message == "Run Terminated")
    }

    @Test func startedAtIsSetOnce() {
        let (_, updated) = Self.assess(Fixture.run([Fixture.metric()], startedAt: nil))
        #expect(updated.status?.startedAt == Fixture.time(100))
        let (_, again) = Self.assess(Fixture.run([Fixture.metric()], startedAt: 5))
        #expect(again.status?.startedAt == Fixture.time(5))
    }

    @Test(
        arguments: [
            (AnalysisPhase.successful, TTLStrategy(secondsAfterCompletion: 60, secondsAfterSuccess: 30), 31.0),
            (.failed, TTLStrategy(secondsAfterCompletion: 60, secondsAfterFailure: 600), 601),
            (.failed, TTLStrategy(secondsAfterCompletion: 60, secondsAfterSuccess: 30), 61),
            (.error, TTLStrategy(secondsAfterCompletion: 60, secondsAfterFailure: 600), 61),
            (.inconclusive, TTLStrategy(secondsAfterCompletion: 0), 1),
        ] as [(AnalysisPhase, TTLStrategy, Double)]
    )
    func completedRunsExpireByTheirTTL(_ phase: AnalysisPhase, _ ttl: TTLStrategy, _ after: Double) {
        var run = Fixture.run([Fixture.metric()])
        run.spec.ttlStrategy = ttl
        run.status?.phase = phase
        run.status?.completedAt = Fixture.time(0)
        #expect(RunLifetime.expiry(of: run) == Fixture.at(after))
    }

    @Test func runsWithoutTTLOrCompletionNeverExpire() {
        var run = Fixture.run([Fixture.metric()])
        run.status?.phase = .successful
        run.status?.completedAt = Fixture.time(0)
        #expect(RunLifetime.expiry(of: run) == nil)
        run.spec.ttlStrategy = TTLStrategy(secondsAfterFailure: 5)
        #expect(RunLifetime.expiry(of: run) == nil)
        run.status?.phase = .running
        run.spec.ttlStrategy = TTLStrategy(secondsAfterCompletion: 5)
        #expect(RunLifetime.expiry(of: run) == nil)
    }
}
