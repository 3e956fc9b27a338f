import KubeAPI

/// What `vane undo` does, decided from the Rollout and its ReplicaSets as read: which revision's
/// pod template to restore, and the JSON Patch that restores it. The patch first `test`s that
/// `spec.template` is still the one read, so a concurrent edit makes it fail rather than be lost.
enum UndoPlan: Equatable {
    /// Restore `template` (hash label removed) from `revision`.
    case restore(revision: Int, patch: [JSONValue])
    /// The Rollout's template already is that revision's.
    case alreadyCurrent(revision: Int)

    /// - Parameters:
    ///   - rollout: the Rollout document as read.
    ///   - replicaSets: ReplicaSet documents; those not controlled by the Rollout are ignored.
    ///   - toRevision: the revision to restore; nil picks the highest revision below the current one.
    static func make(rollout: JSONValue, replicaSets: [JSONValue], toRevision: Int?) throws(CLIFailure) -> UndoPlan {
        let name = rollout[path: "metadata", "name"]?.stringValue ?? ""
        let uid = rollout[path: "metadata", "uid"]?.stringValue
        let owned = replicaSets.filter { rs in
            let owners = rs[path: "metadata", "ownerReferences"]?.arrayValue ?? []
            return owners.contains { $0["uid"]?.stringValue == uid && $0["controller"] == true }
        }
        let revisions: [(revision: Int, replicaSet: JSONValue)] = owned.compactMap { rs in
            rs[path: "metadata", "annotations", ArgoAnnotations.revision]?.stringValue.flatMap { Int($0) }.map {
                ($0, rs)
            }
        }
        let target: (revision: Int, replicaSet: JSONValue)
        if let toRevision {
            guard let match = revisions.first(where: { $0.revision == toRevision }) else {
                throw CLIFailure("unable to find specified revision \(toRevision) in history of rollout \(name)")
            }
            target = match
        } else {
            let currentHash = rollout[path: "status", "currentPodHash"]?.stringValue
            let current =
                revisions.first {
                    $0.replicaSet[path: "metadata", "labels", ArgoLabels.podTemplateHash]?.stringValue == currentHash
                }?
                .revision
                ?? revisions.map(\.revision).max() ?? 0
            guard let previous = revisions.filter({ $0.revision < current }).max(by: { $0.revision < $1.revision })
            else {
                throw CLIFailure("no revision found for rollout \(name) before revision \(current)")
            }
            target = previous
        }
        let current = rollout[path: "spec", "template"] ?? .null
        let restored = withoutHashLabel(target.replicaSet[path: "spec", "template"] ?? .null)
        if isDerivative(withoutHashLabel(current), of: restored) {
            return .alreadyCurrent(revision: target.revision)
        }
        return .restore(
            revision: target.revision,
            patch: [
                ["op": "test", "path": "/spec/template", "value": current],
                ["op": "replace", "path": "/spec/template", "value": restored],
            ]
        )
    }

    /// The template without the `rollouts-pod-template-hash` label (and without an emptied label map).
    static func withoutHashLabel(_ template: JSONValue) -> JSONValue {
        guard var labels = template[path: "metadata", "labels"]?.objectValue, labels[ArgoLabels.podTemplateHash] != nil
        else {
            return template
        }
        _ = labels.removeValue(forKey: ArgoLabels.podTemplateHash)
        var copy = template
        copy.setValue(labels.isEmpty ? nil : .object(labels), at: ["metadata", "labels"])
        return copy
    }

    /// True when every field set in `partial` has the same value in `full` (fields `partial` leaves
    /// unset, such as the API server's pod defaults, are ignored), as apimachinery's `DeepDerivative`.
    static func isDerivative(_ partial: JSONValue, of full: JSONValue) -> Bool {
        switch (partial, full) {
        case (.null, _):
            return true
        case (.object(let fields), .object):
            return fields.allSatisfy { key, value in
                value.isNull || isDerivative(value, of: full[key] ?? .null)
            }
        case (.array(let items), .array(let others)):
            return items.count == others.count && zip(items, others).allSatisfy { isDerivative($0, of: $1) }
        default:
            return partial == full
        }
    }
}
