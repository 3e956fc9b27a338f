import KubeAPI
import KubeClient
import KubeRuntime
import Logging

/// Follows a Rollout, its ReplicaSets, Pods and AnalysisRuns with one list-then-watch informer per
/// kind (no polling), and hands a fresh snapshot to `onChange` after every change until it returns
/// false. Changes that arrive while `onChange` runs are coalesced into one call.
struct RolloutWatch: Sendable {
    let client: KubeClient
    let name: String
    let namespace: String
    let selector: String?

    /// Runs until `onChange` returns false or the task is cancelled; throws when the Rollout is deleted.
    func run(_ onChange: (RolloutObjects) async throws -> Bool) async throws {
        let quiet = Logger(label: "vane.cli.watch", factory: { _ in SwiftLogNoOpLogHandler() })
        let rollouts = Informer<Rollout>(client: client, namespace: namespace, logger: quiet)
        let replicaSets = Informer<ReplicaSet>(
            client: client,
            namespace: namespace,
            labelSelector: selector,
            logger: quiet
        )
        let pods = Informer<Pod>(client: client, namespace: namespace, labelSelector: selector, logger: quiet)
        let analysisRuns = Informer<AnalysisRun>(client: client, namespace: namespace, logger: quiet)
        let (changes, changed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let key = ObjectKey(namespace: namespace, name: name)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await rollouts.run() }
            group.addTask { await replicaSets.run() }
            group.addTask { await pods.run() }
            group.addTask { await analysisRuns.run() }
            group.addTask { for await event in rollouts.events() where event.object.key == key { changed.yield() } }
            group.addTask { for await _ in replicaSets.events() { changed.yield() } }
            group.addTask { for await _ in pods.events() { changed.yield() } }
            group.addTask { for await _ in analysisRuns.events() { changed.yield() } }
            // AnalysisRuns are optional: a cluster without them must not hold up the view.
            try await rollouts.waitUntilSynced()
            try await replicaSets.waitUntilSynced()
            try await pods.waitUntilSynced()
            for await _ in changes {
                guard let rollout = rollouts.cache.get(key) else {
                    throw CLIFailure.rolloutNotFound(name, namespace: namespace)
                }
                let snapshot = RolloutObjects(
                    rollout: rollout,
                    replicaSets: replicaSets.cache.list(namespace: namespace),
                    pods: pods.cache.list(namespace: namespace),
                    analysisRuns: analysisRuns.cache.list(namespace: namespace)
                )
                guard try await onChange(snapshot) else { break }
            }
            group.cancelAll()
        }
    }
}
