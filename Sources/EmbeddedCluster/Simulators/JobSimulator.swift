import FoundationEssentials
import KubeAPI

/// The Job controller of a real cluster, simplified: it keeps `min(parallelism, completions -
/// succeeded)` Pods running for each Job (the kubelet runs them to completion), replaces failed ones
/// until more than `backoffLimit` have failed, and writes `status` (`active`, `ready`, `succeeded`,
/// `failed`, `startTime`, `completionTime`, and the `Complete` or `Failed` condition with reason
/// `BackoffLimitExceeded` or `DeadlineExceeded`).
struct JobSimulator: SimulatedController {
    static let identity = WriteContext(identity: "system:serviceaccount:kube-system:job-controller")

    let environment: SimulatorEnvironment

    func run() async throws {
        guard let jobs = registry.resource(apiVersion: "batch/v1", kind: "Job"),
            let pods = registry.resource(apiVersion: "v1", kind: "Pod")
        else { return }
        try await ReconcileLoop(store: store, clock: clock).run(
            [
                .init(resource: jobs) { $0.ownKey },
                .init(resource: pods) { $0.controllerKeys(kind: "Job") },
            ]
        ) { key in
            await reconcile(key, jobs: jobs, pods: pods)
        }
    }

    /// Brings one Job's Pods and status up to date; returns when to look again (its deadline).
    func reconcile(_ key: ObjectID, jobs: ServedResource, pods: ServedResource) async -> Duration? {
        guard let job = try? await store.getValue(jobs, namespace: key.namespace, name: key.name),
            !job.isTerminating, let uid = job.uid
        else { return nil }
        let owned = await store.objects(pods, ownedBy: uid).filter { !$0.isTerminating }
        var active = owned.filter { !["Succeeded", "Failed"].contains($0[path: "status", "phase"]?.stringValue ?? "") }
        let succeeded = owned.filter { $0[path: "status", "phase"] == "Succeeded" }.count
        let failed = owned.filter { $0[path: "status", "phase"] == "Failed" }.count
        let current = now()
        let stamp = JSONValue.string(RFC3339.format(current, fractionalDigits: 0))
        let startTime = job[path: "status", "startTime"] ?? stamp
        var status = JobStatusValue(job: job, startTime: startTime, succeeded: succeeded, failed: failed)
        var recheck: Duration?

        if !status.isFinished {
            let completions = job[path: "spec", "completions"]?.intValue ?? 1
            let parallelism = job[path: "spec", "parallelism"]?.intValue ?? 1
            let elapsed = RFC3339.parse(startTime.stringValue ?? "").map { current.timeIntervalSince($0) } ?? 0
            let deadline = job[path: "spec", "activeDeadlineSeconds"]?.intValue.map { Double($0) }
            if let deadline, elapsed >= deadline {
                status.finish("Failed", "DeadlineExceeded", "Job was active longer than specified deadline", at: stamp)
            } else if failed > job[path: "spec", "backoffLimit"]?.intValue ?? 6 {
                status.finish(
                    "Failed",
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    at: stamp
                )
            } else if succeeded >= completions {
                status.finish("Complete", nil, nil, at: stamp)
            } else {
                let wanted = min(parallelism, completions - succeeded)
                for _ in active.count..<max(wanted, active.count) {
                    if let created = try? await store.create(
                        pods,
                        namespace: key.namespace,
                        object: newPod(for: job),
                        context: Self.identity
                    ),
                        let value = try? JSONParser.parse(created)
                    {
                        active.append(value)
                    }
                }
                if let deadline { recheck = .milliseconds(Int64(((deadline - elapsed) * 1000).rounded(.up)) + 1) }
            }
        }
        if status.isFinished {
            for pod in active {
                if let name = pod.name {
                    _ = try? await store.delete(pods, namespace: key.namespace, name: name, context: Self.identity)
                }
            }
            active = []
        }
        status.setActive(active)
        let newStatus = status.value
        if job["status"] != newStatus {
            _ = try? await store.update(
                jobs,
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

    private func newPod(for job: JSONValue) -> JSONValue {
        var metadata = job[path: "spec", "template", "metadata"]?.objectValue ?? JSONObject()
        metadata["name"] = nil
        metadata["generateName"] = .string((job.name ?? "job") + "-")
        var labels = metadata["labels"]?.objectValue ?? JSONObject()
        for key in ["batch.kubernetes.io/job-name", "job-name"] { labels[key] = .string(job.name ?? "") }
        for key in ["batch.kubernetes.io/controller-uid", "controller-uid"] { labels[key] = .string(job.uid ?? "") }
        metadata["labels"] = .object(labels)
        metadata["ownerReferences"] = [
            [
                "apiVersion": "batch/v1", "kind": "Job", "name": .string(job.name ?? ""), "uid": .string(job.uid ?? ""),
                "controller": true, "blockOwnerDeletion": true,
            ]
        ]
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata),
            "spec": job[path: "spec", "template", "spec"] ?? [:],
        ]
    }
}

/// A Job's status as the controller writes it, kept from one reconcile to the next.
private struct JobStatusValue {
    var value: JSONValue

    init(job: JSONValue, startTime: JSONValue, succeeded: Int, failed: Int) {
        value = job["status"] ?? [:]
        if value.objectValue == nil { value = [:] }
        value.setValue(startTime, at: ["startTime"])
        // Counts only grow: pods the controller deleted after they ended stay counted.
        let succeededBefore = job[path: "status", "succeeded"]?.intValue ?? 0
        let failedBefore = job[path: "status", "failed"]?.intValue ?? 0
        value.setValue(Self.count(max(succeeded, succeededBefore)), at: ["succeeded"])
        value.setValue(Self.count(max(failed, failedBefore)), at: ["failed"])
    }

    var isFinished: Bool {
        (value["conditions"]?.arrayValue ?? []).contains {
            ["Complete", "Failed"].contains($0["type"]?.stringValue ?? "") && $0["status"] == "True"
        }
    }

    mutating func finish(_ type: String, _ reason: String?, _ message: String?, at stamp: JSONValue) {
        var condition: JSONValue = [
            "type": .string(type), "status": "True", "lastProbeTime": stamp, "lastTransitionTime": stamp,
        ]
        if let reason { condition.setValue(.string(reason), at: ["reason"]) }
        if let message { condition.setValue(.string(message), at: ["message"]) }
        value.setValue(.array((value["conditions"]?.arrayValue ?? []) + [condition]), at: ["conditions"])
        if type == "Complete" { value.setValue(stamp, at: ["completionTime"]) }
    }

    mutating func setActive(_ pods: [JSONValue]) {
        var object = value.objectValue ?? JSONObject()
        if pods.isEmpty {
            object.removeValue(forKey: "active")
        } else {
            object["active"] = Self.count(pods.count)
        }
        value = .object(object)
        value.setValue(Self.count(pods.filter(\.isPodReady).count), at: ["ready"])
    }

    private static func count(_ number: Int) -> JSONValue { .number(JSONNumber(number)) }
}
