import KubeAPI

/// Sets and removes Rollout conditions the Kubernetes way: `lastTransitionTime` moves only when the
/// status flips, `lastUpdateTime` only when something about the condition changes, so a steady
/// state produces an identical status and therefore no write.
enum Conditions {
    /// Returns true when the condition changed (a new reason, status or message).
    @discardableResult
    static func set(
        _ status: inout RolloutStatus,
        type: String,
        status value: String,
        reason: String,
        message: String,
        at time: KubeTime,
        forceUpdate: Bool = false
    ) -> Bool {
        var conditions = status.conditions ?? []
        if let index = conditions.firstIndex(where: { $0.type == type }) {
            var condition = conditions[index]
            let changed = condition.status != value || condition.reason != reason || condition.message != message
            guard changed || forceUpdate else { return false }
            if condition.status != value { condition.lastTransitionTime = time }
            condition.status = value
            condition.reason = reason
            condition.message = message
            condition.lastUpdateTime = time
            conditions[index] = condition
            status.conditions = conditions
            return changed
        }
        conditions.append(
            RolloutCondition(
                type: type,
                status: value,
                reason: reason,
                message: message,
                lastUpdateTime: time,
                lastTransitionTime: time
            )
        )
        status.conditions = conditions
        return true
    }

    static func remove(_ status: inout RolloutStatus, type: String) {
        guard status.conditions?.contains(where: { $0.type == type }) == true else { return }
        status.conditions?.removeAll { $0.type == type }
        if status.conditions?.isEmpty == true { status.conditions = nil }
    }
}
