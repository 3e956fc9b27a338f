public import Foundation
public import KubeAPI

/// Everything the planner reads about one Rollout, taken from the informers' caches by the
/// reconciler (never fetched from the API server), plus the dependency state and the time.
public struct PlannerInput: Sendable {
    public var rollout: Rollout
    /// The ReplicaSets the Rollout controls.
    public var replicaSets: [ReplicaSet]
    /// ReplicaSets of the Rollout's namespace that no controller owns: candidates for adoption.
    public var orphans: [ReplicaSet]
    /// The Services the strategy names that exist, by name.
    public var services: [String: Service]
    /// Pods of the Rollout's ReplicaSets; only read while a restart (`spec.restartAt`) is pending.
    public var pods: [Pod]
    /// A dependency that failed this Rollout's last writes, until a plan of it is applied in full.
    public var dependencyFailure: DependencyFailure?
    public var now: Date

    public init(
        rollout: Rollout,
        replicaSets: [ReplicaSet],
        orphans: [ReplicaSet] = [],
        services: [String: Service] = [:],
        pods: [Pod] = [],
        dependencyFailure: DependencyFailure? = nil,
        now: Date
    ) {
        self.rollout = rollout
        self.replicaSets = replicaSets
        self.orphans = orphans
        self.services = services
        self.pods = pods
        self.dependencyFailure = dependencyFailure
        self.now = now
    }

    /// The Service names the canary strategy refers to.
    public static func serviceNames(of rollout: Rollout) -> [String] {
        guard let canary = rollout.spec.strategy?.canary else { return [] }
        return [canary.stableService, canary.canaryService].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// True while the Rollout asks for a restart it has not finished (pods must then be read).
    public static func needsPods(_ rollout: Rollout) -> Bool {
        guard let restartAt = rollout.spec.restartAt else { return false }
        return rollout.status?.restartedAt.map { $0.date < restartAt.date } ?? true
    }
}
