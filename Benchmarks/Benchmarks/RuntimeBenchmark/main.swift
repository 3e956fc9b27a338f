import EmbeddedCluster
import Foundation
import KubeAPI
import KubeRuntime
import KubeTestKit
import Synchronization

// Issue 4 figures: leader takeover time after a graceful release and after a crash (p50/max over
// 20 trials each, three candidates against the embedded cluster), and work-queue throughput through
// 10 workers with a no-op reconciler.

func report(_ line: String) {
    print(line)
    fflush(nil)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func summary(_ samples: [Duration]) -> String {
    let sorted = samples.map(milliseconds).sorted()
    return String(format: "p50 %.0f ms, max %.0f ms (n=%d)", sorted[sorted.count / 2], sorted.last ?? 0, sorted.count)
}

let clock = ContinuousClock()
let trials = 20

try await withEmbeddedCluster(EmbeddedClusterConfiguration(tokens: ElectionHarness.tokens(count: 3))) { cluster in
    for (mode, leaseSeconds) in [("graceful release", 15), ("crash", 2)] {
        var samples: [Duration] = []
        for trial in 0..<trials {
            let harness = try await ElectionHarness(cluster: cluster, count: 3) { identity in
                LeaderElectionConfiguration(
                    leaseName: "bench-\(mode.prefix(1))-\(trial)",
                    identity: identity,
                    leaseDuration: .seconds(leaseSeconds),
                    renewDeadline: .seconds(Double(leaseSeconds) * 0.66),
                    retryPeriod: .seconds(Double(leaseSeconds) * 0.13)
                )
            }
            harness.start()
            guard let leader = await harness.nextLeader() else { fatalError("no leader") }
            // Let the followers see the record, as in a running fleet.
            try await Task.sleep(for: .milliseconds(300))
            let start = clock.now
            if mode == "crash" { await harness.crash(leader) } else { await harness.shutDown(leader) }
            guard await harness.nextLeader(excluding: leader) != nil else { fatalError("no takeover") }
            samples.append(clock.now - start)
            await harness.shutDownAll()
        }
        report("takeover after \(mode) (lease \(leaseSeconds) s): \(summary(samples))")
    }
}

/// Counts reconciles and signals when the expected number is reached.
final class CountingReconciler: Reconciler {
    let count = Atomic<Int>(0)
    let target: Int
    let done: AsyncStream<Void>.Continuation

    init(target: Int, done: AsyncStream<Void>.Continuation) {
        self.target = target
        self.done = done
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        if count.add(1, ordering: .relaxed).newValue == target { done.yield() }
        return .done
    }
}

let keys = 200_000
let (finished, signal) = AsyncStream<Void>.makeStream()
let reconciler = CountingReconciler(target: keys, done: signal)
let queue = WorkQueue<ObjectKey>(name: "bench")
let controller = Controller(name: "bench", reconciler: reconciler, queue: queue, workers: 10, leadership: nil)
try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await controller.run() }
    let start = clock.now
    for index in 0..<keys { queue.add(ObjectKey(namespace: "default", name: "rollout-\(index)")) }
    for await _ in finished { break }
    let elapsed = milliseconds(clock.now - start) / 1000
    report(
        String(format: "work queue, 10 workers, no-op reconciler: %.0f keys/s (%d keys)", Double(keys) / elapsed, keys)
    )
    group.cancelAll()
}
