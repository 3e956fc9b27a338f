/// The names, labels and annotations that tie an AnalysisRun to the Rollout that made it, as the
/// incumbent writes them (so either controller recognises the other's runs).
public enum AnalysisRunLabels {
    /// The pod-template hash of the ReplicaSet the run measures.
    public static let podTemplateHash = "rollouts-pod-template-hash"
    /// Why the Rollout made the run: one of ``RunType``.
    public static let rolloutType = "rollout-type"
    /// The canary step of a step run.
    public static let stepIndex = "step-index"
    /// Controller sharding (`--instance-id`).
    public static let controllerInstanceID = "argo-rollouts.argoproj.io/controller-instance-id"
    /// The Rollout revision, as an annotation.
    public static let revisionAnnotation = "rollout.argoproj.io/revision"

    /// The values of ``rolloutType``.
    public enum RunType: String, Sendable, CaseIterable {
        case step = "Step"
        case background = "Background"
        case prePromotion = "PrePromotion"
        case postPromotion = "PostPromotion"
    }

    /// `<rollout>-<pod hash>-<revision>` plus `-<step index>`, `-pre` or `-post`.
    public static func runName(
        rollout: String,
        podHash: String,
        revision: String,
        type: RunType,
        stepIndex: Int? = nil
    )
        -> String
    {
        var parts = [rollout, podHash, revision]
        switch type {
        case .step: parts.append(String(stepIndex ?? 0))
        case .background: break
        case .prePromotion: parts.append("pre")
        case .postPromotion: parts.append("post")
        }
        return parts.joined(separator: "-")
    }

    /// The labels of a run of `type` (plus the Rollout's selector labels and `analysisRunMetadata`
    /// labels, which the caller adds).
    public static func labels(
        type: RunType,
        podHash: String,
        stepIndex: Int? = nil,
        instanceID: String? = nil
    )
        -> [String: String]
    {
        var labels = [podTemplateHash: podHash, rolloutType: type.rawValue]
        if type == .step { labels[Self.stepIndex] = String(stepIndex ?? 0) }
        if let instanceID, !instanceID.isEmpty { labels[controllerInstanceID] = instanceID }
        return labels
    }
}
