import Foundation
import KubeAPI

/// What one Pod row of the tree says, worked out the way `kubectl get pods` does: the reason of the
/// first container that is not running (init containers first), `Terminating` once deletion began,
/// ready containers over all containers, and restarts.
struct PodSummary: Sendable, Equatable {
    var name: String
    var created: Date?
    var status: String
    var ready: String
    var restarts: Int

    init(_ pod: Pod) {
        let json = (try? KubeJSON.encodeValue(pod)) ?? .null
        name = pod.metadata.name ?? ""
        created = pod.metadata.creationTimestamp?.date
        var reason = json[path: "status", "reason"]?.stringValue ?? json[path: "status", "phase"]?.stringValue ?? ""
        var restarts = 0
        let initContainers = json[path: "spec", "initContainers"]?.arrayValue ?? []
        let sidecars = Set(
            initContainers.filter { $0["restartPolicy"]?.stringValue == "Always" }.compactMap {
                $0["name"]?.stringValue
            }
        )
        var initializing = false
        for (index, container) in (json[path: "status", "initContainerStatuses"]?.arrayValue ?? []).enumerated() {
            restarts += container["restartCount"]?.intValue ?? 0
            let terminated = container[path: "state", "terminated"]
            let waitingReason = container[path: "state", "waiting", "reason"]?.stringValue ?? ""
            if let terminated, terminated["exitCode"]?.intValue == 0 { continue }
            if let terminated {
                reason = Self.terminationReason(terminated, prefix: "Init:")
            } else if sidecars.contains(container["name"]?.stringValue ?? ""), container["started"]?.boolValue == true {
                if container["ready"]?.boolValue == true { continue }
            } else if !waitingReason.isEmpty, waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(index)/\(initContainers.count)"
            }
            initializing = true
            break
        }
        var readyContainers = 0
        if !initializing {
            restarts = 0
            var hasRunning = false
            for container in (json[path: "status", "containerStatuses"]?.arrayValue ?? []).reversed() {
                restarts += container["restartCount"]?.intValue ?? 0
                if let waiting = container[path: "state", "waiting", "reason"]?.stringValue, !waiting.isEmpty {
                    reason = waiting
                } else if let terminated = container[path: "state", "terminated"] {
                    reason = Self.terminationReason(terminated, prefix: "")
                } else if container["ready"]?.boolValue == true, container[path: "state", "running"] != nil {
                    hasRunning = true
                    readyContainers += 1
                }
            }
            if reason == "Completed" && hasRunning { reason = "Running" }
        }
        if pod.metadata.deletionTimestamp != nil {
            reason = json[path: "status", "reason"]?.stringValue == "NodeLost" ? "Unknown" : "Terminating"
        }
        status = reason
        ready = "\(readyContainers)/\(pod.spec?.containers.count ?? 0)"
        self.restarts = restarts
    }

    private static func terminationReason(_ terminated: JSONValue, prefix: String) -> String {
        if let reason = terminated["reason"]?.stringValue, !reason.isEmpty { return prefix + reason }
        if let signal = terminated["signal"]?.intValue, signal != 0 { return "\(prefix)Signal:\(signal)" }
        return "\(prefix)ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
    }
}
