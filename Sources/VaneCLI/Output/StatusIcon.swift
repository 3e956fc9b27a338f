import KubeAPI

/// The incumbent CLI's status icons and colours, so people who know `kubectl argo rollouts get`
/// read Vane's tree at a glance. Shown on a terminal only.
enum StatusIcon: String, Sendable {
    case waiting = "◷"
    case progressing = "◌"
    case warning = "⚠"
    case unknown = "?"
    case ok = "✔"
    case bad = "✖"
    case paused = "॥"
    case neutral = "•"

    var color: ANSI.Color? {
        switch self {
        case .waiting, .unknown: .yellow
        case .progressing: .brightBlue
        case .warning, .bad: .red
        case .ok: .green
        case .paused, .neutral: nil
        }
    }

    /// The icon, coloured.
    var painted: String { ANSI.paint(rawValue, color) }

    static func forRollout(_ status: String) -> StatusIcon? {
        switch status {
        case RolloutStatus.Phase.progressing: .progressing
        case "Error", RolloutConditionType.invalidSpec: .warning
        case RolloutStatus.Phase.paused: .paused
        case RolloutStatus.Phase.healthy: .ok
        case RolloutStatus.Phase.degraded: .bad
        case "Unknown": .unknown
        case "ScaledDown": .neutral
        default: nil
        }
    }

    static func forReplicaSet(_ status: String) -> StatusIcon? {
        switch status {
        case "Progressing": .progressing
        case "Healthy": .ok
        case "ReplicaFailure": .bad
        case "ScaledDown": .neutral
        default: nil
        }
    }

    static func forPod(_ status: String) -> StatusIcon? {
        if status.hasPrefix("Init:") { return .progressing }
        if status.hasPrefix("Signal:") || status.hasPrefix("ExitCode:") { return .bad }
        if status.hasSuffix("Error") || status.hasPrefix("Err") { return .warning }
        switch status {
        case "Pending", "Terminating", "ContainerCreating": return .progressing
        case "Running", "Completed": return .ok
        case "Failed", "InvalidImageName", "CrashLoopBackOff": return .bad
        case "ImagePullBackOff", "RegistryUnavailable": return .warning
        case "Unknown": return .unknown
        default: return nil
        }
    }

    static func forAnalysis(_ phase: String) -> StatusIcon? {
        switch phase {
        case "Pending": .waiting
        case "Running": .progressing
        case "Successful": .ok
        case "Failed": .bad
        case "Error": .warning
        case "Inconclusive": .unknown
        default: nil
        }
    }
}

/// Colours for the role tags (`stable`, `canary`, `active`, `preview`) and for names that carry them.
enum RoleTag {
    static func color(_ tag: String) -> ANSI.Color? {
        switch tag {
        case "canary": .yellow
        case "stable", "active": .green
        case "preview", "Pending", "Running": .brightBlue
        default: nil
        }
    }
}
