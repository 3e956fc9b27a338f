import Clocks
import KubeAPI
import KubeRuntime
import MetricsTestKit
import Synchronization
import Testing

/// A failure of a dependency the reconciler cannot fix, as a classified error.
struct DependencyFailure: ClassifiedError, CustomStringConvertible {
    var reason: String { "tls" }
    var isRoutine: Bool { false }
    var failingEndpoint: String? { "https://webhook.example.svc:443" }
    var description: String { "x509: certificate has expired" }
}

struct Conflict: ClassifiedError {
    var reason: String { "conflict" }
    var isRoutine: Bool { true }
    var failingEndpoint: String? { nil }
}

/// Records what it was asked to do; fails `bad` keys; parks `slow` keys until cancelled.
final class RecordingReconciler: Reconciler {
    let seen = Mutex<[String]>([])
    let cancelled = Mutex<[String]>([])
    let inFlight = Doorbell()

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        seen.withLock { $0.append(key.name) }
        switch key.name {
        case "bad": throw DependencyFailure()
        case "conflicting": throw Conflict()
        case "slow":
            inFlight.ring()
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                cancelled.withLock { $0.append(key.name) }
                throw error
            }
            return .done
        default: return .done
        }
    }
}

/// A one-shot signal for tests.
final class Doorbell: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream<Void>.makeStream()
    }

    func ring() { continuation.yield() }

    func wait() async {
        for await _ in stream { return }
    }
}

@Suite("Controller workers", .timeLimit(.minutes(1)))
struct ControllerTests {
    @Test(
        "a key that keeps failing is retried with backoff, counted by reason, and warned about once per minute with the failing endpoint"
    )
    func retryWarnings() async throws {
        let clock = TestClock()
        let metrics = TestMetrics()
        let warnings = AsyncStream<RetryWarning>.makeStream()
        let reconciler = RecordingReconciler()
        let queue = WorkQueue<ObjectKey>(name: "rollouts", clock: clock, metricsFactory: metrics)
        let controller = Controller(
            name: "rollouts",
            reconciler: reconciler,
            queue: queue,
            workers: 2,
            leadership: nil,
            retryWarnings: RetryWarningPolicy(threshold: 3),
            clock: clock,
            metricsFactory: metrics,
            onRetryWarning: { warnings.continuation.yield($0) }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            queue.add(ObjectKey(namespace: "default", name: "bad"))
            queue.add(ObjectKey(namespace: "default", name: "conflicting"))
            var iterator = warnings.stream.makeAsyncIterator()
            // Failures 1…4 with backoff 5, 10, 20 ms between them: the fourth exceeds the threshold.
            var total = Duration.zero
            while reconciler.seen.withLock({ $0.filter { $0 == "bad" }.count }) < 4 {
                await clock.advance(by: .milliseconds(5))
                total += .milliseconds(5)
                try #require(total < .seconds(1))
            }
            let warning = try #require(await iterator.next())
            #expect(warning.key.name == "bad")
            #expect(warning.failures == 4)
            #expect(
                warning.description
                    == "default/bad failed 4 times in a row: tls (failing dependency: https://webhook.example.svc:443): x509: certificate has expired"
            )
            #expect(queue.failures(of: ObjectKey(namespace: "default", name: "bad")) >= 4)
            let errors = try metrics.expectCounter("vane_reconcile_errors_total", [("reason", "tls")])
            #expect(errors.totalValue >= 4)
            #expect((try? metrics.expectCounter("vane_reconcile_errors_total", [("reason", "conflict")])) == nil)
            group.cancelAll()
        }
    }

    @Test("workers run only while leading; losing leadership cancels the reconcile in flight")
    func gatedOnLeadership() async throws {
        let clock = TestClock()
        let fence = LeadershipGuard(clock: clock)
        let reconciler = RecordingReconciler()
        let queue = WorkQueue<ObjectKey>(name: "rollouts", clock: clock)
        let controller = Controller(
            name: "rollouts",
            reconciler: reconciler,
            queue: queue,
            workers: 1,
            leadership: fence,
            clock: clock
        )
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            queue.add(ObjectKey(namespace: "default", name: "slow"))
            for _ in 0..<20 { await Task.yield() }
            #expect(reconciler.seen.withLock { $0 }.isEmpty)

            fence.extendForTesting(renewStart: .zero, renewDeadline: .seconds(10), leaseDuration: .seconds(15))
            await reconciler.inFlight.wait()
            fence.revokeForTesting()
            while reconciler.cancelled.withLock({ $0 }).isEmpty { await Task.yield() }
            #expect(reconciler.cancelled.withLock { $0 } == ["slow"])
            group.cancelAll()
        }
    }
}
