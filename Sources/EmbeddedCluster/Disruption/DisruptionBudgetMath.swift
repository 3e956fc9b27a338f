import FoundationEssentials
import KubeAPI

/// The disruption controller's arithmetic, as plain values: which pods a budget covers, how many it
/// expects, how many must stay healthy, and how many may be disrupted now.
struct DisruptionBudgetMath {
    /// The budget's label selector; an empty or invalid one covers no pod, as in the real server.
    static func selector(of pdb: JSONValue) -> Selector? {
        guard let value = pdb[path: "spec", "selector"],
            let labelSelector = try? KubeJSON.decode(LabelSelector.self, from: value),
            let selector = try? Selector(labelSelector), !selector.isEverything
        else { return nil }
        return selector
    }

    static func covers(_ pdb: JSONValue, pod: JSONValue) -> Bool {
        guard pdb.namespace == pod.namespace, let selector = selector(of: pdb) else { return false }
        return selector.matches(pod.labels)
    }

    /// `expectedPods` and `desiredHealthy` for a budget over `pods`; `scale` gives the replicas their
    /// controllers ask for (needed for percentages and `maxUnavailable`), or throws naming a pod
    /// without a scalable controller.
    static func expectation(
        of pdb: JSONValue,
        pods: [JSONValue],
        scale: () throws(DisruptionSyncError) -> Int
    ) throws(DisruptionSyncError) -> (expected: Int, desiredHealthy: Int) {
        if let maxUnavailable = pdb[path: "spec", "maxUnavailable"] {
            let expected = try scale()
            let unavailable = try scaled(maxUnavailable, of: expected)
            return (expected, max(expected - unavailable, 0))
        }
        if let minAvailable = pdb[path: "spec", "minAvailable"] {
            if let count = minAvailable.intValue { return (pods.count, count) }
            let expected = try scale()
            return (expected, try scaled(minAvailable, of: expected))
        }
        return (0, 0)
    }

    /// An int-or-percent against a total, percentages rounded up (`GetScaledValueFromIntOrPercent`).
    static func scaled(_ value: JSONValue, of total: Int) throws(DisruptionSyncError) -> Int {
        if let count = value.intValue { return count }
        guard let text = value.stringValue, text.hasSuffix("%"), let percent = Int(text.dropLast()) else {
            throw DisruptionSyncError(message: "invalid value for IntOrString: invalid value \"\(value)\"")
        }
        return (percent * total + 99) / 100
    }

    /// A pod counts as healthy when it is Ready, not being deleted, and not already granted an eviction.
    static func isHealthy(_ pod: JSONValue, disrupted: Set<String>) -> Bool {
        pod.isPodReady && !pod.isTerminating && !disrupted.contains(pod.name ?? "")
    }
}

/// Why the disruption controller could not compute a budget (reported as `SyncFailed`).
struct DisruptionSyncError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
