import KubeAPI

/// `vane list rollouts`: one row per Rollout with the incumbent's columns, aligned like kubectl.
/// Each column is at least as wide as the incumbent pads it, so tables line up the same way.
enum RolloutListTable {
    static let header = [
        "NAME", "STRATEGY", "STATUS", "STEP", "SET-WEIGHT", "READY", "DESIRED", "UP-TO-DATE", "AVAILABLE",
    ]
    static let minimumWidths = [10, 9, 12, 4, 10, 5, 7, 10, 9]

    static func render(_ rollouts: [Rollout], allNamespaces: Bool) -> String {
        var table = TextTable(header: allNamespaces ? ["NAMESPACE"] + header : header)
        let sorted = rollouts.sorted { $0.key < $1.key }
        for rollout in sorted {
            let cells = row(rollout)
            let padded = zip(cells, minimumWidths).map(pad)
            table.append(allNamespaces ? [pad(rollout.metadata.namespace ?? "", 9)] + padded : padded)
        }
        return table.render().joined(separator: "\n") + "\n"
    }

    static func row(_ rollout: Rollout) -> [String] {
        let status = rollout.status ?? RolloutStatus()
        var strategy = "unknown"
        var step = "-"
        var setWeight = "-"
        if let canary = rollout.spec.strategy?.canary {
            strategy = "Canary"
            let steps = canary.steps ?? []
            if let index = status.currentStepIndex, !steps.isEmpty { step = "\(index)/\(steps.count)" }
            setWeight = String(RolloutView.currentSetWeight(rollout))
        } else if rollout.spec.strategy?.blueGreen != nil {
            strategy = "BlueGreen"
        }
        return [
            rollout.metadata.name ?? "", strategy, RolloutView.phase(of: rollout).0, step, setWeight,
            "\(status.readyReplicas ?? 0)/\(status.replicas ?? 0)", String(rollout.spec.replicas ?? 1),
            String(status.updatedReplicas ?? 0), String(status.availableReplicas ?? 0),
        ]
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count < width ? text + String(repeating: " ", count: width - text.count) : text
    }
}
