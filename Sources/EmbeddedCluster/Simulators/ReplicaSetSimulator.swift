import FoundationEssentials
import KubeAPI

/// The ReplicaSet controller of a real cluster, simplified: it keeps each ReplicaSet's Pods at
/// `spec.replicas` (owned through a controller ownerReference) and writes `status.replicas`,
/// `fullyLabeledReplicas`, `readyReplicas`, `availableReplicas` (honouring `minReadySeconds`) and
/// `observedGeneration` through the status subresource.
struct ReplicaSetSimulator: SimulatedController {
    static let identity = WriteContext(identity: "system:serviceaccount:kube-system:replicaset-controller")

    let environment: SimulatorEnvironment

    func run() async throws {
        guard let replicaSets = registry.resource(group: "apps", version: "v1", plural: "replicasets"),
            let pods = registry.resource(group: "", version: "v1", plural: "pods")
        else { return }
        try await ReconcileLoop(store: store, clock: clock).run(
            [
                .init(resource: replicaSets) { $0.ownKey },
                .init(resource: pods) { $0.controllerKeys(kind: "ReplicaSet") },
            ]
        ) { key in
            await reconcile(key, replicaSets: replicaSets, pods: pods)
        }
    }

    /// Brings one ReplicaSet's Pods and status up to date; returns when to look again (for
    /// `minReadySeconds`), if ever.
    func reconcile(_ key: ObjectID, replicaSets: ServedResource, pods: ServedResource) async -> Duration? {
        guard let rs = try? await store.getValue(replicaSets, namespace: key.namespace, name: key.name),
            !rs.isTerminating, let uid = rs.uid
        else { return nil }
        let desired = rs[path: "spec", "replicas"]?.intValue ?? 1
        var owned = await store.objects(pods, ownedBy: uid).filter { !$0.isTerminating }
        if owned.count < desired {
            for _ in owned.count..<desired {
                if let pod = try? await store.create(
                    pods,
                    namespace: key.namespace,
                    object: newPod(for: rs),
                    context: Self.identity
                ),
                    let value = try? JSONParser.parse(pod)
                {
                    owned.append(value)
                }
            }
        } else if owned.count > desired {
            // Like the real controller: unready Pods go first, then the newest.
            let doomed = owned.sorted { lhs, rhs in
                if lhs.isPodReady != rhs.isPodReady { return !lhs.isPodReady }
                return (lhs.metadataString("creationTimestamp") ?? "") > (rhs.metadataString("creationTimestamp") ?? "")
            }.prefix(owned.count - desired)
            for pod in doomed {
                if let name = pod.name {
                    _ = try? await store.delete(pods, namespace: key.namespace, name: name, context: Self.identity)
                }
            }
            let doomedNames = Set(doomed.compactMap(\.name))
            owned.removeAll { doomedNames.contains($0.name ?? "") }
        }
        return await writeStatus(rs, pods: owned, key: key, replicaSets: replicaSets)
    }

    private func writeStatus(
        _ rs: JSONValue,
        pods: [JSONValue],
        key: ObjectID,
        replicaSets: ServedResource
    ) async -> Duration? {
        let minReady = Double(rs[path: "spec", "minReadySeconds"]?.intValue ?? 0)
        let templateLabels = rs.stringMap(at: ["spec", "template", "metadata", "labels"])
        let current = now()
        var ready = 0
        var available = 0
        var soonest: Double?
        for pod in pods where pod.isPodReady {
            ready += 1
            let since = pod.readySince.map { current.timeIntervalSince($0) } ?? 0
            if since >= minReady {
                available += 1
            } else {
                soonest = min(soonest ?? .infinity, minReady - since)
            }
        }
        let fullyLabeled = pods.filter { pod in templateLabels.allSatisfy { pod.labels[$0.key] == $0.value } }.count
        var status = JSONObject()
        status["replicas"] = .number(JSONNumber(pods.count))
        status["fullyLabeledReplicas"] = .number(JSONNumber(fullyLabeled))
        status["readyReplicas"] = .number(JSONNumber(ready))
        status["availableReplicas"] = .number(JSONNumber(available))
        status["observedGeneration"] = rs[path: "metadata", "generation"] ?? 1
        let newStatus = JSONValue.object(status)
        if rs["status"] != newStatus {
            _ = try? await store.update(
                replicaSets,
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
        return soonest.map { .milliseconds(Int64(($0 * 1000).rounded(.up)) + 1) }
    }

    private func newPod(for rs: JSONValue) -> JSONValue {
        let name = (rs.name ?? "pod") + "-" + ClusterStore.randomSuffix()
        var metadata = rs[path: "spec", "template", "metadata"]?.objectValue ?? JSONObject()
        metadata["name"] = .string(name)
        metadata["ownerReferences"] = [
            [
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(rs.name ?? ""),
                "uid": .string(rs.uid ?? ""),
                "controller": true, "blockOwnerDeletion": true,
            ]
        ]
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata),
            "spec": rs[path: "spec", "template", "spec"] ?? [:],
        ]
    }
}

extension JSONValue {
    var podConditions: [JSONValue] { self[path: "status", "conditions"]?.arrayValue ?? [] }

    var isPodReady: Bool {
        podConditions.contains { $0["type"] == "Ready" && $0["status"] == "True" }
    }

    /// When the Pod's Ready condition last became true.
    var readySince: Date? {
        podConditions.first { $0["type"] == "Ready" && $0["status"] == "True" }?["lastTransitionTime"]?.stringValue
            .flatMap(RFC3339.parse)
    }
}
