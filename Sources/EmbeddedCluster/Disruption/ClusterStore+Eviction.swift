import FoundationEssentials
import KubeAPI

extension ClusterStore {
    static let disruptionBudgetMessage = "Cannot evict pod as it would violate the pod's disruption budget."

    /// The `eviction` subresource: deletes the pod if the disruption budget covering it allows it,
    /// counting the disruption against the budget, as the real server's eviction handler does.
    ///
    /// Pods that are already finished, pending or being deleted go at once. A pod that is not Ready
    /// goes without using the budget while the budget has its healthy pods (`IfHealthyBudget`, the
    /// default) or always (`AlwaysAllow`). Otherwise no allowed disruption means `429`.
    /// Runs inside the store, so no two evictions spend the same disruption.
    public func evict(
        _ pods: ServedResource,
        namespace: String,
        name: String,
        options: DeletionOptions,
        context: WriteContext
    ) throws(APIError) {
        let pod = try getValue(pods, namespace: namespace, name: name)
        let phase = pod[path: "status", "phase"]?.stringValue ?? "Pending"
        let ignoresBudgets = ["Succeeded", "Failed", "Pending"].contains(phase) || pod.isTerminating
        if !ignoresBudgets, let budgets = registry.resource(apiVersion: "policy/v1", kind: "PodDisruptionBudget") {
            let covering = (objects[budgets.resourceID] ?? [:]).values.compactMap { try? $0.value() }
                .filter { DisruptionBudgetMath.covers($0, pod: pod) }
            if covering.count > 1 {
                throw APIError(
                    code: 500,
                    reason: "",
                    message:
                        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
                )
            }
            if let pdb = covering.first, !Self.mayEvictUnhealthy(pod, under: pdb) {
                try spendDisruption(pdb, budgets: budgets, pod: name, context: context)
            }
        }
        try delete(pods, namespace: namespace, name: name, options: options, context: context)
    }

    private static func mayEvictUnhealthy(_ pod: JSONValue, under pdb: JSONValue) -> Bool {
        guard !pod.isPodReady else { return false }
        if pdb[path: "spec", "unhealthyPodEvictionPolicy"] == "AlwaysAllow" { return true }
        let current = pdb[path: "status", "currentHealthy"]?.intValue ?? 0
        let desired = pdb[path: "status", "desiredHealthy"]?.intValue ?? 0
        return current >= desired && desired > 0
    }

    /// Checks the budget allows one more disruption and records it (`disruptedPods`), or refuses.
    private func spendDisruption(
        _ pdb: JSONValue,
        budgets: ServedResource,
        pod: String,
        context: WriteContext
    ) throws(APIError) {
        let name = pdb.name ?? ""
        let observed = pdb[path: "status", "observedGeneration"]?.intValue ?? 0
        let generation = pdb[path: "metadata", "generation"]?.intValue ?? 1
        if observed < generation {
            throw Self.tooManyRequests(
                cause: "The disruption budget \(name) is still being processed by the server.",
                retryAfter: 10
            )
        }
        let allowed = pdb[path: "status", "disruptionsAllowed"]?.intValue ?? 0
        if allowed < 0 {
            throw APIError(
                code: 403,
                reason: StatusReason.forbidden,
                message:
                    "poddisruptionbudgets.policy \"\(name)\" is forbidden: pdb disruptions allowed is negative",
                details: StatusDetails(name: name, group: "policy", kind: "poddisruptionbudgets")
            )
        }
        if allowed == 0 {
            let desired = pdb[path: "status", "desiredHealthy"]?.intValue ?? 0
            let current = pdb[path: "status", "currentHealthy"]?.intValue ?? 0
            throw Self.tooManyRequests(
                cause: "The disruption budget \(name) needs \(desired) healthy pods and has \(current) currently",
                retryAfter: nil
            )
        }
        let stamp = JSONValue.string(RFC3339.format(now(), fractionalDigits: 0))
        try update(budgets, namespace: pdb.namespace, name: name, subresource: .status, context: context) { current in
            var next = current
            next.setValue(.number(JSONNumber(allowed - 1)), at: ["status", "disruptionsAllowed"])
            next.setValue(stamp, at: ["status", "disruptedPods", pod])
            if allowed - 1 == 0 {
                next.setValue(
                    DisruptionConditions.allowed(false, generation: generation, at: stamp),
                    at: ["status", "conditions"]
                )
            }
            return next
        }
    }

    private static func tooManyRequests(cause: String, retryAfter: Int?) -> APIError {
        APIError(
            code: 429,
            reason: StatusReason.tooManyRequests,
            message: disruptionBudgetMessage,
            details: StatusDetails(
                causes: [StatusCause(reason: "DisruptionBudget", message: cause)],
                retryAfterSeconds: retryAfter
            )
        )
    }
}

/// The `DisruptionAllowed` condition the disruption controller keeps on a budget.
enum DisruptionConditions {
    static func allowed(_ allowed: Bool, generation: Int, at stamp: JSONValue) -> JSONValue {
        [
            [
                "type": "DisruptionAllowed", "status": allowed ? "True" : "False",
                "observedGeneration": .number(JSONNumber(generation)), "lastTransitionTime": stamp,
                "reason": allowed ? "SufficientPods" : "InsufficientPods", "message": "",
            ]
        ]
    }

    static func syncFailed(_ message: String, generation: Int, at stamp: JSONValue) -> JSONValue {
        [
            [
                "type": "DisruptionAllowed", "status": "False",
                "observedGeneration": .number(JSONNumber(generation)), "lastTransitionTime": stamp,
                "reason": "SyncFailed", "message": .string(message),
            ]
        ]
    }
}
