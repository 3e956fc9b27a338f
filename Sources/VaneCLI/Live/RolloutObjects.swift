import Foundation
import KubeAPI
import KubeClient

/// A Rollout and the objects shown under it: its ReplicaSets, their Pods and its AnalysisRuns.
struct RolloutObjects: Sendable {
    var rollout: Rollout
    var replicaSets: [ReplicaSet]
    var pods: [Pod]
    var analysisRuns: [AnalysisRun]

    func render(now: Date, style: OutputStyle) -> String {
        RolloutTree.render(
            rollout: rollout,
            replicaSets: replicaSets,
            pods: pods,
            analysisRuns: analysisRuns,
            now: now,
            style: style
        )
    }

    /// The label selector that finds the Rollout's ReplicaSets and Pods (nil: the whole namespace,
    /// for a Rollout that takes its template from a workloadRef).
    static func selector(of rollout: Rollout) -> String? {
        guard let selector = rollout.spec.selector, let parsed = try? Selector(selector), !parsed.isEverything else {
            return nil
        }
        return parsed.description
    }

    /// Reads everything once.
    static func fetch(name: String, namespace: String, client: KubeClient) async throws -> RolloutObjects {
        let rollout = try await client.rollout(named: name, in: namespace)
        let selector = selector(of: rollout)
        async let replicaSets = client.list(ReplicaSet.self, namespace: namespace, labelSelector: selector)
        async let pods = client.list(Pod.self, namespace: namespace, labelSelector: selector)
        async let analysisRuns = optionalAnalysisRuns(namespace: namespace, client: client)
        return RolloutObjects(
            rollout: rollout,
            replicaSets: try await replicaSets.items,
            pods: try await pods.items,
            analysisRuns: try await analysisRuns
        )
    }

    /// AnalysisRuns, or none where the cluster does not serve them.
    private static func optionalAnalysisRuns(namespace: String, client: KubeClient) async throws -> [AnalysisRun] {
        do {
            return try await client.list(AnalysisRun.self, namespace: namespace).items
        } catch let error where error.kind == .notFound {
            return []
        }
    }
}
