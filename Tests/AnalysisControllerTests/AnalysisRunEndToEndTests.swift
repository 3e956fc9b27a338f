import AnalysisController
import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Testing

/// The AnalysisRun controller against the embedded API server, measuring web metrics served by the
/// test (real time, 1 s intervals).
@Suite("AnalysisRuns end to end", .timeLimit(.minutes(2)))
struct AnalysisRunEndToEndTests {
    static let healthy = #"{"ok": true, "rate": 0.99}"#
    static let unhealthy = #"{"ok": false, "rate": 0.5}"#

    @Test("interval 1s, count 3: Successful with exactly 3 measurements, summaries, completedAt and the event")
    func successfulRun() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: Self.healthy))
            try await harness.withController { _ in
                let metric = await harness.webMetric(
                    "rate",
                    path: "/health",
                    interval: "1s",
                    count: 3,
                    success: "result.rate >= 0.95"
                )
                _ = try await harness.client.create(AnalysisHarness.run("three", [metric]))
                let run = try await harness.completed("three")
                let status = try #require(run.status)
                #expect(status.phase == .successful)
                #expect(status.message == nil)
                let result = try #require(status.result(named: "rate"))
                #expect(result.phase == .successful)
                #expect(result.count == 3 && result.successful == 3 && result.failed == nil && result.error == nil)
                #expect(result.measurements?.count == 3)
                #expect(
                    result.measurements?.allSatisfy { $0.phase == .successful && $0.value == Self.healthyValue } == true
                )
                #expect(status.runSummary == RunSummary(count: 1, successful: 1))
                #expect(status.dryRunSummary == RunSummary())
                let started = try #require(status.startedAt)
                let completed = try #require(status.completedAt)
                #expect(completed >= started)
                // One measurement per interval: the last is at least 2 s after the first.
                let first = try #require(result.measurements?.first?.finishedAt)
                let last = try #require(result.measurements?.last?.finishedAt)
                #expect(last.date.timeIntervalSince(first.date) >= 2)
                #expect(harness.server.requests.filter { $0.path == "/health" }.count == 3)
                let events = try await harness.events(about: "three", reason: "AnalysisRunSuccessful")
                #expect(events.first?.message == "Analysis Completed. Result: Successful")
                #expect(
                    try await harness.events(about: "three", reason: "MetricSuccessful").first?.message
                        == "Metric 'rate' Completed. Result: Successful"
                )
            }
        }
    }

    static let healthyValue = #"{"ok":true,"rate":0.99}"#

    @Test("failures beyond failureLimit fail the run with the incumbent's message")
    func failedRun() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: Self.unhealthy))
            try await harness.withController { _ in
                let metric = await harness.webMetric(
                    "rate",
                    path: "/health",
                    interval: "1s",
                    count: 5,
                    success: "result.rate >= 0.95",
                    failureLimit: 1
                )
                _ = try await harness.client.create(AnalysisHarness.run("failing", [metric]))
                let run = try await harness.completed("failing")
                #expect(run.status?.phase == .failed)
                #expect(run.status?.message == "Metric \"rate\" assessed Failed due to failed (2) > failureLimit (1)")
                #expect(run.status?.result(named: "rate")?.failed == 2)
                #expect(run.status?.result(named: "rate")?.measurements?.count == 2)
                #expect(run.status?.runSummary == RunSummary(count: 1, failed: 1))
                let event = try await harness.events(about: "failing", reason: "AnalysisRunFailed").first
                #expect(event?.type == "Warning")
                #expect(event?.message == "Analysis Completed. Result: Failed")
            }
        }
    }

    @Test("neither condition holding is Inconclusive")
    func inconclusiveRun() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: #"{"rate": 0.9}"#))
            try await harness.withController { _ in
                let metric = await harness.webMetric(
                    "rate",
                    path: "/health",
                    success: "result.rate >= 0.95",
                    failure: "result.rate < 0.5"
                )
                _ = try await harness.client.create(AnalysisHarness.run("unsure", [metric]))
                let run = try await harness.completed("unsure")
                #expect(run.status?.phase == .inconclusive)
                #expect(
                    run.status?.message
                        == "Metric \"rate\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)"
                )
                #expect(run.status?.runSummary == RunSummary(count: 1, inconclusive: 1))
            }
        }
    }

    @Test("a failing dry-run metric is summarised but does not change the run")
    func dryRun() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/good", .init(body: Self.healthy))
            harness.server.reply("/bad", .init(body: Self.unhealthy))
            try await harness.withController { _ in
                var run = AnalysisHarness.run(
                    "dry",
                    [
                        await harness.webMetric("real", path: "/good", success: "result.ok"),
                        await harness.webMetric("experimental", path: "/bad", success: "result.ok"),
                    ]
                )
                run.spec.dryRun = [DryRun(metricName: "experimental")]
                _ = try await harness.client.create(run)
                let done = try await harness.completed("dry")
                #expect(done.status?.phase == .successful)
                #expect(done.status?.runSummary == RunSummary(count: 1, successful: 1))
                #expect(done.status?.dryRunSummary == RunSummary(count: 1, failed: 1))
                let experimental = done.status?.result(named: "experimental")
                #expect(experimental?.dryRun == true && experimental?.phase == .failed)
                #expect(experimental?.message == "Metric assessed Failed due to failed (1) > failureLimit (0)")
            }
        }
    }

    @Test("terminate ends an indefinite metric Successful: Run Terminated")
    func terminate() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: Self.healthy))
            try await harness.withController { _ in
                let metric = await harness.webMetric("forever", path: "/health", interval: "1s", success: "result.ok")
                _ = try await harness.client.create(AnalysisHarness.run("endless", [metric]))
                _ = try await harness.until("endless", "two measurements") {
                    ($0.status?.result(named: "forever")?.count ?? 0) >= 2
                }
                _ = try await harness.client.patch(
                    AnalysisRun.resource,
                    name: "endless",
                    namespace: "default",
                    patch: ["spec": ["terminate": true]],
                    type: .merge
                )
                let run = try await harness.completed("endless")
                #expect(run.status?.phase == .successful)
                #expect(run.status?.message == "Run Terminated")
                #expect(run.status?.result(named: "forever")?.phase == .successful)
            }
        }
    }

    @Test("an invalid run is Error at once, naming the metric and the column")
    func invalidRun() async throws {
        try await AnalysisHarness.with { harness in
            try await harness.withController { _ in
                let metric = await harness.webMetric("rate", path: "/health", success: "result.rate >= ")
                _ = try await harness.client.create(AnalysisHarness.run("broken", [metric]))
                let run = try await harness.completed("broken")
                #expect(run.status?.phase == .error)
                #expect(
                    run.status?.message
                        == "Analysis spec invalid: metrics[0] 'rate': successCondition \"result.rate >= \": unexpected token EOF at column 16"
                )
                #expect(run.status?.completedAt != nil)
                #expect(harness.server.requests.isEmpty)
                #expect(try await harness.events(about: "broken", reason: "AnalysisRunError").first?.type == "Warning")
            }
        }
    }

    @Test("Secret arguments reach the provider and never its messages; ttlStrategy deletes the run")
    func secretsAndTTL() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: Self.healthy))
            _ = try await harness.client.create(
                Secret(
                    metadata: ObjectMeta(name: "creds", namespace: "default"),
                    data: ["token": Data("s3cr3t".utf8).base64EncodedString()]
                )
            )
            try await harness.withController { _ in
                let secret = AnalysisArgument(
                    name: "token",
                    valueFrom: AnalysisArgumentValueFrom(secretKeyRef: SecretKeyRef(name: "creds", key: "token"))
                )
                var good = AnalysisHarness.run(
                    "with-secret",
                    [await harness.webMetric("rate", path: "/health")],
                    args: [secret]
                )
                good.spec.metrics[0].provider.web?.headers = [
                    WebMetricHeader(key: "Authorization", value: "Bearer {{args.token}}")
                ]
                good.spec.ttlStrategy = TTLStrategy(secondsAfterSuccess: 1)
                _ = try await harness.client.create(good)
                let run = try await harness.completed("with-secret")
                #expect(run.status?.phase == .successful)
                #expect(harness.server.requests.last?.headers["authorization"] == "Bearer s3cr3t")

                // The Secret's value is in the URL of a failing request: the message shows *****.
                var leaky = AnalysisHarness.run(
                    "leaky",
                    [await harness.webMetric("rate", path: "/missing/{{args.token}}")],
                    args: [secret]
                )
                leaky.spec.metrics[0].consecutiveErrorLimit = .int(0)
                _ = try await harness.client.create(leaky)
                let failed = try await harness.completed("leaky")
                #expect(failed.status?.phase == .error)
                let message = try #require(failed.status?.result(named: "rate")?.measurements?.last?.message)
                #expect(message == "received non 2xx response code: 404")
                #expect(
                    failed.status?.message
                        == "Metric \"rate\" assessed Error due to consecutiveErrors (1) > consecutiveErrorLimit (0): \"Error Message: received non 2xx response code: 404\""
                )
                #expect(!String(describing: failed.status).contains("s3cr3t"))
                #expect(harness.server.requests.last?.path == "/missing/s3cr3t")

                // Deleted once a whole second has passed after completion.
                for try await update in try await harness.client.watch(
                    AnalysisRun.self,
                    namespace: "default",
                    resourceVersion: run.metadata.resourceVersion,
                    fieldSelector: "metadata.name=with-secret"
                ) {
                    if case .deleted = update { break }
                }
                await #expect(throws: KubeError.self) {
                    _ = try await harness.client.get(AnalysisRun.self, name: "with-secret", namespace: "default")
                }
            }
        }
    }

    @Test("a missing Secret makes the run Error with the reason")
    func missingSecret() async throws {
        try await AnalysisHarness.with { harness in
            try await harness.withController { _ in
                let secret = AnalysisArgument(
                    name: "token",
                    valueFrom: AnalysisArgumentValueFrom(secretKeyRef: SecretKeyRef(name: "absent", key: "token"))
                )
                _ = try await harness.client.create(
                    AnalysisHarness.run("no-secret", [await harness.webMetric("rate", path: "/health")], args: [secret])
                )
                let run = try await harness.completed("no-secret")
                #expect(run.status?.phase == .error)
                #expect(run.status?.message == "Unable to resolve metric arguments: secrets \"absent\" not found")
            }
        }
    }

    @Test("a restarted controller continues from the status: still exactly 3 measurements")
    func restart() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: Self.healthy))
            let metric = await harness.webMetric(
                "rate",
                path: "/health",
                interval: "1s",
                count: 3,
                success: "result.ok"
            )
            try await harness.withController { _ in
                _ = try await harness.client.create(AnalysisHarness.run("resumed", [metric]))
                _ = try await harness.until("resumed", "a first measurement") {
                    ($0.status?.result(named: "rate")?.count ?? 0) >= 1
                }
            }
            let stopped = try await harness.client.get(AnalysisRun.self, name: "resumed", namespace: "default")
            #expect(stopped.status?.phase == .running)
            try await harness.withController { _ in
                let run = try await harness.completed("resumed")
                #expect(run.status?.phase == .successful)
                #expect(run.status?.result(named: "rate")?.measurements?.count == 3)
                #expect(run.status?.startedAt == stopped.status?.startedAt)
            }
            #expect(harness.server.requests.filter { $0.path == "/health" }.count == 3)
        }
    }

    @Test("without leadership nothing is measured; once leading, the run proceeds")
    func gatedOnLeadership() async throws {
        try await AnalysisHarness.with { harness in
            harness.server.reply("/health", .init(body: Self.healthy))
            let leadership = LeadershipGuard()
            _ = try await harness.client.create(
                AnalysisHarness.run("gated", [await harness.webMetric("rate", path: "/health")])
            )
            try await harness.withController(leadership: leadership) { manager in
                // The run is in the cache and queued, but no worker takes it while not leading.
                try await manager.runs.waitUntilSynced()
                #expect(manager.runs.cache.count == 1)
                #expect(harness.server.requests.isEmpty)
                let run = try await harness.client.get(AnalysisRun.self, name: "gated", namespace: "default")
                #expect(run.status == nil)
                leadership.extendForTesting(
                    renewStart: leadership.now,
                    renewDeadline: .seconds(60),
                    leaseDuration: .seconds(60)
                )
                #expect(try await harness.completed("gated").status?.phase == .successful)
            }
        }
    }
}
