import FoundationEssentials
import KubeAPI

/// A node's kubelet, simplified: new Pods become Running and Ready after `podReadyDelay`; Pods whose
/// image matches the bad-image pattern start but never become Ready, and their restart count climbs.
/// Pods that run to completion (`restartPolicy` `Never` or `OnFailure`, as a Job's) run for one
/// `podReadyDelay` and end `Succeeded`, or `Failed` when their image is bad.
struct KubeletSimulator: SimulatedController {
    static let identity = WriteContext(identity: "system:node:vane-node")

    let environment: SimulatorEnvironment
    var readyDelay: Duration { environment.settings.podReadyDelay }
    var badImagePattern: String? { environment.settings.badImagePattern }

    func run() async throws {
        guard let pods = registry.resource(group: "", version: "v1", plural: "pods") else { return }
        let badImage = try badImagePattern.map { try Regex($0) }
        let watch = try await store.watch(pods, namespace: nil, resourceVersion: nil)
        await withDiscardingTaskGroup { group in
            for await frame in watch.frames {
                guard let change = WatchedChange(frame: frame), change.type == "ADDED",
                    change.object[path: "status", "phase"] == "Pending"
                        || change.object[path: "status", "phase"] == nil,
                    let name = change.object.name
                else { continue }
                let key = ObjectID(namespace: change.object.namespace ?? "", name: name)
                let images =
                    change.object[path: "spec", "containers"]?.arrayValue?.compactMap { $0["image"]?.stringValue } ?? []
                let broken = badImage.map { pattern in images.contains { $0.contains(pattern) } } ?? false
                if ["Never", "OnFailure"].contains(change.object[path: "spec", "restartPolicy"]?.stringValue ?? "") {
                    group.addTask { await runToCompletion(key, pods: pods, succeeds: !broken) }
                    continue
                }
                group.addTask {
                    var restarts = 0
                    while true {
                        do { try await clock.sleep(for: readyDelay) } catch { return }
                        guard await start(key, pods: pods, ready: !broken, restarts: restarts) else { return }
                        if !broken { return }
                        restarts += 1
                    }
                }
            }
            await store.stopWatch(watch.id)
            group.cancelAll()
        }
    }

    /// Runs a Pod for one delay, then ends it.
    private func runToCompletion(_ key: ObjectID, pods: ServedResource, succeeds: Bool) async {
        do { try await clock.sleep(for: readyDelay) } catch { return }
        guard await start(key, pods: pods, ready: succeeds, restarts: 0) else { return }
        do { try await clock.sleep(for: readyDelay) } catch { return }
        let stamp = JSONValue.string(RFC3339.format(now(), fractionalDigits: 0))
        _ = try? await store.update(
            pods,
            namespace: key.namespace,
            name: key.name,
            subresource: .status,
            context: Self.identity
        ) { current in
            var next = current
            next.setValue(.string(succeeds ? "Succeeded" : "Failed"), at: ["status", "phase"])
            let reason: JSONValue = succeeds ? "PodCompleted" : "PodFailed"
            let conditions = current.podConditions.map { condition -> JSONValue in
                guard ["Ready", "ContainersReady"].contains(condition["type"]?.stringValue ?? "") else {
                    return condition
                }
                return [
                    "type": condition["type"] ?? "", "status": "False", "reason": reason, "lastTransitionTime": stamp,
                ]
            }
            next.setValue(.array(conditions), at: ["status", "conditions"])
            let statuses = (current[path: "status", "containerStatuses"]?.arrayValue ?? []).map { status in
                var ended = status
                ended.setValue(false, at: ["ready"])
                ended.setValue(false, at: ["started"])
                ended.setValue(
                    [
                        "terminated": [
                            "exitCode": succeeds ? 0 : 1, "reason": succeeds ? "Completed" : "Error",
                            "startedAt": current[path: "status", "startTime"] ?? stamp, "finishedAt": stamp,
                        ]
                    ],
                    at: ["state"]
                )
                return ended
            }
            next.setValue(.array(statuses), at: ["status", "containerStatuses"])
            return next
        }
    }

    /// Writes the running status; false when the Pod is gone.
    private func start(_ key: ObjectID, pods: ServedResource, ready: Bool, restarts: Int) async -> Bool {
        let stamp = JSONValue.string(RFC3339.format(now(), fractionalDigits: 0))
        do {
            try await store.update(
                pods,
                namespace: key.namespace,
                name: key.name,
                subresource: .status,
                context: Self.identity
            ) { current in
                var next = current
                let readyText: JSONValue = ready ? "True" : "False"
                let containers = current[path: "spec", "containers"]?.arrayValue ?? []
                let statuses = containers.map { container -> JSONValue in
                    var status: JSONValue = [
                        "name": container["name"] ?? "", "image": container["image"] ?? "", "imageID": "",
                        "ready": .bool(ready), "started": .bool(ready), "restartCount": .number(JSONNumber(restarts)),
                    ]
                    status.setValue(
                        ready
                            ? ["running": ["startedAt": stamp]]
                            : [
                                "waiting": [
                                    "reason": "CrashLoopBackOff", "message": "back-off restarting failed container",
                                ]
                            ],
                        at: ["state"]
                    )
                    return status
                }
                let previous = current[path: "status", "conditions"]?.arrayValue ?? []
                let wasReady = previous.contains { $0["type"] == "Ready" && $0["status"] == readyText }
                let readySince =
                    wasReady ? previous.first { $0["type"] == "Ready" }?["lastTransitionTime"] ?? stamp : stamp
                next.setValue(
                    [
                        "phase": "Running",
                        "conditions": [
                            ["type": "Initialized", "status": "True", "lastTransitionTime": stamp],
                            ["type": "Ready", "status": readyText, "lastTransitionTime": readySince],
                            ["type": "ContainersReady", "status": readyText, "lastTransitionTime": readySince],
                            ["type": "PodScheduled", "status": "True", "lastTransitionTime": stamp],
                        ],
                        "hostIP": "10.0.0.1", "podIP": .string(Self.podIP(for: key.name)), "startTime": stamp,
                        "containerStatuses": .array(statuses), "qosClass": "BestEffort",
                    ],
                    at: ["status"]
                )
                return next
            }
            return true
        } catch {
            return false
        }
    }

    /// A stable fake address in 10.244.0.0/16 derived from the name.
    static func podIP(for name: String) -> String {
        let hash = name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        return "10.244.\((hash >> 8) & 0xff).\(max(hash & 0xff, 2))"
    }
}
