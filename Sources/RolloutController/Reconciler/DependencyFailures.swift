import KubeAPI
import Synchronization

/// The last dependency failure of each Rollout, from the write it failed until a plan of that
/// Rollout is applied in full: what the reconciler feeds the planner as
/// `PlannerInput.dependencyFailure`. Per process: a new leader starts without it, tries the writes,
/// and learns again if the dependency still fails.
final class DependencyFailures: Sendable {
    private let failures = Mutex<[ObjectKey: DependencyFailure]>([:])

    subscript(key: ObjectKey) -> DependencyFailure? {
        failures.withLock { $0[key] }
    }

    func remember(_ failure: DependencyFailure, for key: ObjectKey) {
        failures.withLock { $0[key] = failure }
    }

    /// Forgets `key`'s failure; returns whether there was one.
    @discardableResult
    func forget(_ key: ObjectKey) -> Bool {
        failures.withLock { $0.removeValue(forKey: key) != nil }
    }
}
