import FoundationEssentials
import KubeAPI

/// The disruption controller of a real cluster, simplified: it keeps each PodDisruptionBudget's
/// `status` (`currentHealthy`, `desiredHealthy`, `expectedPods`, `disruptionsAllowed`,
/// `disruptedPods`, `observedGeneration` and the `DisruptionAllowed` condition) up to date with the
/// pods its selector covers. Percentages and `maxUnavailable` count the replicas the pods'
/// controllers ask for (a ReplicaSet's Deployment when it has one).
struct DisruptionSimulator: SimulatedController {
    static let identity = WriteContext(identity: "system:serviceaccount:kube-system:disruption-controller")
    /// How long a granted eviction keeps its pod out of the healthy count before the pod is deleted.
    static let deletionTimeout: Double = 120

    let environment: SimulatorEnvironment

    func run() async throws {
        guard let budgets = registry.resource(apiVersion: "policy/v1", kind: "PodDisruptionBudget"),
            let pods = registry.resource(apiVersion: "v1", kind: "Pod")
        else { return }
        let store = self.store
        let budgetsInNamespace: @Sendable (WatchedChange) async -> [ObjectID] = { change in
            await store.values(budgets, namespace: change.object.namespace ?? "").compactMap { pdb in
                pdb.name.map { ObjectID(namespace: change.object.namespace ?? "", name: $0) }
            }
        }
        var sources: [ReconcileLoop.Source] = [
            .init(resource: budgets) { $0.ownKey },
            .init(resource: pods, keys: budgetsInNamespace),
        ]
        for scalable in [("apps/v1", "ReplicaSet"), ("apps/v1", "Deployment")] {
            if let resource = registry.resource(apiVersion: scalable.0, kind: scalable.1) {
                sources.append(.init(resource: resource, keys: budgetsInNamespace))
            }
        }
        try await ReconcileLoop(store: store, clock: clock).run(sources) { key in
            await reconcile(key, budgets: budgets, pods: pods)
        }
    }

    /// Brings one budget's status up to date; returns when to look again (a granted eviction expiring).
    func reconcile(_ key: ObjectID, budgets: ServedResource, pods: ServedResource) async -> Duration? {
        guard let pdb = try? await store.getValue(budgets, namespace: key.namespace, name: key.name),
            !pdb.isTerminating
        else { return nil }
        let covered = await store.values(pods, namespace: key.namespace).filter {
            DisruptionBudgetMath.covers(pdb, pod: $0)
        }
        let current = now()
        let stamp = JSONValue.string(RFC3339.format(current, fractionalDigits: 0))
        let generation = pdb[path: "metadata", "generation"]?.intValue ?? 1
        var status = pdb["status"]?.objectValue ?? JSONObject()
        let (disrupted, recheck) = stillDisrupted(pdb, pods: covered, at: current)
        status["disruptedPods"] = disrupted.isEmpty ? nil : .object(disrupted)
        status["observedGeneration"] = .number(JSONNumber(generation))
        let scale = await expectedScale(of: covered)
        do {
            let (expected, desired) = try DisruptionBudgetMath.expectation(of: pdb, pods: covered) {
                () throws(DisruptionSyncError) in try scale.get()
            }
            let healthy = covered.filter { DisruptionBudgetMath.isHealthy($0, disrupted: Set(disrupted.keys)) }.count
            let allowed = expected <= 0 ? 0 : max(healthy - desired, 0)
            status["currentHealthy"] = .number(JSONNumber(healthy))
            status["desiredHealthy"] = .number(JSONNumber(desired))
            status["expectedPods"] = .number(JSONNumber(expected))
            status["disruptionsAllowed"] = .number(JSONNumber(allowed))
            status["conditions"] = DisruptionConditions.allowed(allowed > 0, generation: generation, at: stamp)
        } catch {
            status["disruptionsAllowed"] = 0
            for field in ["currentHealthy", "desiredHealthy", "expectedPods"] where status[field] == nil {
                status[field] = 0
            }
            status["conditions"] = DisruptionConditions.syncFailed("\(error)", generation: generation, at: stamp)
        }
        keepTransitionTime(&status, previous: pdb["status"])
        let newStatus = JSONValue.object(status)
        if pdb["status"] != newStatus {
            _ = try? await store.update(
                budgets,
                namespace: key.namespace,
                name: key.name,
                subresource: .status,
                context: Self.identity
            ) { latest in
                var next = latest
                next.setValue(newStatus, at: ["status"])
                return next
            }
        }
        return recheck
    }

    /// Granted evictions still pending: their pod exists, is not being deleted, and was granted less
    /// than `deletionTimeout` ago.
    private func stillDisrupted(_ pdb: JSONValue, pods: [JSONValue], at current: Date) -> (JSONObject, Duration?) {
        let live = Set(pods.filter { !$0.isTerminating }.compactMap(\.name))
        var kept = JSONObject()
        var soonest: Double?
        for (pod, stamp) in pdb[path: "status", "disruptedPods"]?.objectValue ?? JSONObject() where live.contains(pod) {
            guard let granted = stamp.stringValue.flatMap(RFC3339.parse) else { continue }
            let left = Self.deletionTimeout - current.timeIntervalSince(granted)
            if left > 0 {
                kept[pod] = stamp
                soonest = min(soonest ?? .infinity, left)
            }
        }
        return (kept, soonest.map { .milliseconds(Int64(($0 * 1000).rounded(.up)) + 1) })
    }

    /// The replicas the covered pods' controllers ask for, each controller counted once.
    private func expectedScale(of pods: [JSONValue]) async -> Result<Int, DisruptionSyncError> {
        var replicas: [String: Int] = [:]
        for pod in pods {
            let name = pod.name ?? ""
            guard let reference = pod.ownerReferences.first(where: { $0["controller"] == true }),
                let uid = reference["uid"]?.stringValue
            else { return .failure(DisruptionSyncError(message: "found no controller ref for pod \"\(name)\"")) }
            guard var controller = await store.value(uid: uid) else {
                return .failure(DisruptionSyncError(message: "found no controllers for pod \"\(name)\""))
            }
            if controller["kind"] == "ReplicaSet",
                let deployment = controller.ownerReferences.first(where: {
                    $0["controller"] == true && $0["kind"] == "Deployment"
                }),
                let deploymentUID = deployment["uid"]?.stringValue,
                let owner = await store.value(uid: deploymentUID)
            {
                controller = owner
            }
            guard let count = controller[path: "spec", "replicas"]?.intValue, let key = controller.uid else {
                return .failure(DisruptionSyncError(message: "found no controllers for pod \"\(name)\""))
            }
            replicas[key] = count
        }
        return .success(replicas.values.reduce(0, +))
    }

    /// A condition keeps its `lastTransitionTime` while its status stays the same.
    private func keepTransitionTime(_ status: inout JSONObject, previous: JSONValue?) {
        guard var condition = status["conditions"]?[0],
            let before = previous?["conditions"]?[0],
            before["status"] == condition["status"], let since = before["lastTransitionTime"]
        else { return }
        condition.setValue(since, at: ["lastTransitionTime"])
        status["conditions"] = [condition]
    }
}
