import Foundation
import KubeAPI

/// Renders `vane get rollout`: the header (name, status, strategy, step, weights, images, replica
/// counts) and the tree Rollout → revisions → ReplicaSets → Pods, plus AnalysisRuns, laid out like
/// the incumbent's `kubectl argo rollouts get rollout`.
///
/// A pure function of its inputs, `now` included, so tests pin every age. On a terminal the
/// statuses carry coloured icons; plain output has neither icons nor escape sequences.
enum RolloutTree {
    static func render(
        rollout: Rollout,
        replicaSets: [ReplicaSet],
        pods: [Pod],
        analysisRuns: [AnalysisRun],
        now: Date,
        style: OutputStyle
    ) -> String {
        render(
            RolloutView(rollout: rollout, replicaSets: replicaSets, pods: pods, analysisRuns: analysisRuns),
            now: now,
            style: style
        )
    }

    static func render(_ view: RolloutView, now: Date, style: OutputStyle) -> String {
        (header(view, style: style) + [""] + tree(view, now: now, style: style)).joined(separator: "\n") + "\n"
    }

    // MARK: Header

    static func header(_ view: RolloutView, style: OutputStyle) -> [String] {
        func field(_ label: String, _ value: String) -> String {
            let padded = label.count < 17 ? label + String(repeating: " ", count: 17 - label.count) : label
            return String((padded + value).reversed().drop { $0 == " " }.reversed())
        }
        var lines = [
            field("Name:", view.name),
            field("Namespace:", view.namespace),
            field("Status:", status(view.status, icon: StatusIcon.forRollout(view.status), style: style)),
        ]
        if !view.message.isEmpty { lines.append(field("Message:", view.message)) }
        lines.append(field("Strategy:", view.strategy))
        if view.strategy == "Canary" {
            lines.append(field("  Step:", view.step))
            lines.append(field("  SetWeight:", view.setWeight))
            lines.append(field("  ActualWeight:", view.actualWeight))
        }
        for (index, image) in view.images.enumerated() {
            let tags = image.tags.map { style == .terminal ? ANSI.paint($0, RoleTag.color($0)) : $0 }
            let text = tags.isEmpty ? image.image : "\(image.image) (\(tags.joined(separator: ", ")))"
            lines.append(field(index == 0 ? "Images:" : "", text))
        }
        lines.append("Replicas:")
        lines.append(field("  Desired:", String(view.desired)))
        lines.append(field("  Current:", String(view.current)))
        lines.append(field("  Updated:", String(view.updated)))
        lines.append(field("  Ready:", String(view.ready)))
        lines.append(field("  Available:", String(view.available)))
        return lines
    }

    // MARK: Tree

    /// Tree glyphs before a child: `├──` for all but the last, `└──` for the last; the prefix its
    /// own children continue with.
    static func branches(isLast: Bool, under prefix: String) -> (own: String, children: String) {
        isLast ? (prefix + "└──", prefix + "   ") : (prefix + "├──", prefix + "│  ")
    }

    static func tree(_ view: RolloutView, now: Date, style: OutputStyle) -> [String] {
        let terminal = style == .terminal
        func kindIcon(_ icon: String) -> String { terminal ? icon + " " : "" }
        func age(_ date: Date?) -> String {
            date.map { HumanDuration.format(seconds: now.timeIntervalSince($0)) } ?? ""
        }

        var table = TextTable(header: ["NAME", "KIND", "STATUS", "AGE", "INFO"])
        let rolloutStatus = status(view.status, icon: StatusIcon.forRollout(view.status), style: style)
        table.append([kindIcon("⟳") + view.name, "Rollout", rolloutStatus, age(view.created), ""])
        let revisions = view.revisions
        for (revisionIndex, revision) in revisions.enumerated() {
            let (revisionPrefix, revisionChildren) = branches(isLast: revisionIndex == revisions.count - 1, under: "")
            table.append([revisionPrefix + "# revision:\(revision)", "", "", "", ""])
            let replicaSets = view.replicaSets.filter { $0.revision == revision }
            let runs = view.analysisRuns.filter { $0.revision == revision }
            let children = replicaSets.count + runs.count
            for (index, replicaSet) in replicaSets.enumerated() {
                let (prefix, podIndent) = branches(isLast: index == children - 1, under: revisionChildren)
                var info = replicaSet.roles.map { terminal ? ANSI.paint($0, RoleTag.color($0)) : $0 }
                if let deadline = replicaSet.scaleDownDeadline {
                    info.append(
                        "delay:"
                            + (deadline < now
                                ? "passed" : HumanDuration.format(seconds: deadline.timeIntervalSince(now)))
                    )
                }
                let name =
                    terminal
                    ? ANSI.paint(replicaSet.name, replicaSet.roles.first.flatMap(RoleTag.color)) : replicaSet.name
                let replicaSetStatus = status(
                    replicaSet.status,
                    icon: StatusIcon.forReplicaSet(replicaSet.status),
                    style: style
                )
                table.append([
                    prefix + kindIcon("⧉") + name, "ReplicaSet", replicaSetStatus, age(replicaSet.created),
                    info.joined(separator: ","),
                ])
                for (podIndex, pod) in replicaSet.pods.enumerated() {
                    let (podPrefix, _) = branches(isLast: podIndex == replicaSet.pods.count - 1, under: podIndent)
                    var podInfo = ["ready:\(pod.ready)"]
                    if pod.restarts > 0 { podInfo.append("restarts:\(pod.restarts)") }
                    table.append([
                        podPrefix + kindIcon("□") + pod.name, "Pod",
                        status(pod.status, icon: StatusIcon.forPod(pod.status), style: style),
                        age(pod.created), podInfo.joined(separator: ","),
                    ])
                }
            }
            for (index, run) in runs.enumerated() {
                let (prefix, _) = branches(isLast: replicaSets.count + index == children - 1, under: revisionChildren)
                table.append([
                    prefix + kindIcon("α") + (terminal ? ANSI.paint(run.name, RoleTag.color(run.phase)) : run.name),
                    "AnalysisRun",
                    status(run.phase, icon: StatusIcon.forAnalysis(run.phase), style: style), age(run.created),
                    counts(run, style: style),
                ])
            }
        }
        return table.render()
    }

    /// Measurement counts: `✔ 4,✖ 1` on a terminal, `successful:4,failed:1` in plain text.
    static func counts(_ run: RolloutView.AnalysisRunRow, style: OutputStyle) -> String {
        let counts: [(Int, StatusIcon, String)] = [
            (run.successful, .ok, "successful"), (run.failed, .bad, "failed"),
            (run.inconclusive, .unknown, "inconclusive"), (run.error, .warning, "error"),
        ]
        return counts.filter { $0.0 > 0 }
            .map { count, icon, word in style == .terminal ? "\(icon.painted) \(count)" : "\(word):\(count)" }
            .joined(separator: ",")
    }

    private static func status(_ text: String, icon: StatusIcon?, style: OutputStyle) -> String {
        guard style == .terminal else { return text }
        return (icon?.painted ?? " ") + " " + text
    }
}
