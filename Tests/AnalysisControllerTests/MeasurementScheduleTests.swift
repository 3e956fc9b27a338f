import AnalysisController
import KubeAPI
import Testing

/// Which measurements are due, and when the run is looked at next, from the status alone.
@Suite struct MeasurementScheduleTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var metric: Metric
        var measurements: [AnalysisMeasurement]
        var now: Double
        var terminate = false
        var startedAt: Double? = 0
        /// nil: nothing due; false: a new measurement; true: the unfinished one.
        var due: Bool?
        var next: Double?
        var testDescription: String { name }
    }

    static func finished(_ phase: AnalysisPhase, at seconds: Double) -> AnalysisMeasurement {
        Fixture.measurement(phase, finished: seconds)
    }

    static let rows: [Row] = [
        Row(
            name: "first measurement at once",
            metric: Fixture.metric(),
            measurements: [],
            now: 0,
            due: false,
            next: nil
        ),
        Row(
            name: "initial delay not over",
            metric: Fixture.metric(initialDelay: "30s"),
            measurements: [],
            now: 10,
            due: nil,
            next: 30
        ),
        Row(
            name: "initial delay over",
            metric: Fixture.metric(initialDelay: "30s"),
            measurements: [],
            now: 30,
            due: false,
            next: 30
        ),
        Row(
            name: "initial delay waits for startedAt",
            metric: Fixture.metric(initialDelay: "30s"),
            measurements: [],
            now: 100,
            startedAt: nil,
            due: nil,
            next: 130
        ),
        Row(
            name: "interval not over",
            metric: Fixture.metric(interval: "5s", count: 3),
            measurements: [finished(.successful, at: 10)],
            now: 12,
            due: nil,
            next: 15
        ),
        Row(
            name: "interval over",
            metric: Fixture.metric(interval: "5s", count: 3),
            measurements: [finished(.successful, at: 10)],
            now: 15,
            due: false,
            next: 15
        ),
        Row(
            name: "count reached",
            metric: Fixture.metric(interval: "5s", count: 1),
            measurements: [finished(.successful, at: 10)],
            now: 100,
            due: nil,
            next: nil
        ),
        Row(
            name: "no interval, one measurement",
            metric: Fixture.metric(),
            measurements: [finished(.successful, at: 10)],
            now: 100,
            due: nil,
            next: nil
        ),
        Row(
            name: "an error is retried after 10 s",
            metric: Fixture.metric(),
            measurements: [finished(.error, at: 10)],
            now: 19,
            due: nil,
            next: 20
        ),
        Row(
            name: "an error is retried after 10 s even with a longer interval",
            metric: Fixture.metric(interval: "5m"),
            measurements: [finished(.error, at: 10)],
            now: 20,
            due: false,
            next: 20
        ),
        Row(
            name: "an unfinished measurement is resumed at resumeAt",
            metric: Fixture.metric(),
            measurements: [Fixture.measurement(.running, finished: nil, resumeAt: 12)],
            now: 12,
            due: true,
            next: 12
        ),
        Row(
            name: "an unfinished measurement waits for resumeAt",
            metric: Fixture.metric(),
            measurements: [Fixture.measurement(.running, finished: nil, resumeAt: 12)],
            now: 11,
            due: nil,
            next: 12
        ),
        Row(
            name: "terminating ends an unfinished measurement at once",
            metric: Fixture.metric(),
            measurements: [Fixture.measurement(.running, finished: nil, resumeAt: 50)],
            now: 11,
            terminate: true,
            due: true,
            next: 50
        ),
        Row(
            name: "terminating takes no new measurement",
            metric: Fixture.metric(interval: "1s"),
            measurements: [finished(.successful, at: 10)],
            now: 100,
            terminate: true,
            due: nil,
            next: 11
        ),
    ]

    @Test(arguments: rows) func schedules(_ row: Row) {
        var results: [MetricResult] = []
        if !row.measurements.isEmpty {
            var result = MetricResult(name: row.metric.name, phase: .running)
            for measurement in row.measurements {
                MeasurementLedger.record(measurement, in: &result, replacingLast: false)
            }
            results = [result]
        }
        let run = Fixture.run([row.metric], results: results, terminate: row.terminate, startedAt: row.startedAt)
        let tasks = MeasurementSchedule.dueTasks(
            run,
            metrics: [row.metric],
            resolved: [row.metric],
            now: Fixture.at(row.now)
        )
        #expect(tasks.count == (row.due == nil ? 0 : 1))
        #expect(tasks.first.map { $0.inFlight != nil } == row.due)
        #expect(
            MeasurementSchedule.nextReconcile(run, metrics: [row.metric], now: Fixture.at(row.now))
                == row.next.map(Fixture.at)
        )
    }

    @Test func theEarliestMetricDecidesTheNextReconcile() {
        let metrics = [
            Fixture.metric("slow", interval: "1m"), Fixture.metric("fast", interval: "2s"), Fixture.metric("done"),
        ]
        var slow = MetricResult(name: "slow", phase: .running)
        MeasurementLedger.record(Self.finished(.successful, at: 0), in: &slow, replacingLast: false)
        var fast = MetricResult(name: "fast", phase: .running)
        MeasurementLedger.record(Self.finished(.successful, at: 5), in: &fast, replacingLast: false)
        let done = Fixture.result("done", [.successful], phase: .successful)
        let run = Fixture.run(metrics, results: [slow, fast, done])
        #expect(MeasurementSchedule.nextReconcile(run, metrics: metrics, now: Fixture.at(6)) == Fixture.at(7))
        let due = MeasurementSchedule.dueTasks(run, metrics: metrics, resolved: metrics, now: Fixture.at(60))
        #expect(due.map(\.metric.name) == ["slow", "fast"])
    }

    @Test func intervalsWrittenAsArgumentsAreReadResolved() {
        var written = Fixture.metric(count: 3)
        written.interval = "{{args.interval}}"
        var resolved = written
        resolved.interval = "5s"
        var result = MetricResult(name: "m", phase: .running)
        MeasurementLedger.record(Self.finished(.successful, at: 0), in: &result, replacingLast: false)
        let run = Fixture.run([written], results: [result])
        #expect(MeasurementSchedule.dueTasks(run, metrics: [written], resolved: [resolved], now: Fixture.at(4)).isEmpty)
        let due = MeasurementSchedule.dueTasks(run, metrics: [written], resolved: [resolved], now: Fixture.at(5))
        #expect(due.first?.metric.interval == "{{args.interval}}")
    }
}
