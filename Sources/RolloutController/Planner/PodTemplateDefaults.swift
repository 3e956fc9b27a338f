public import KubeAPI

/// The defaults an API server fills into the pod template of a ReplicaSet it stores (a Rollout is a
/// custom resource, so its own template stays as written). Comparing a Rollout's template with a
/// ReplicaSet's is only meaningful with these applied to both sides — that is how ReplicaSets made
/// by another controller (after a migration from the incumbent) are recognised by content rather
/// than by a hash neither side can recompute.
///
/// The pod-spec defaults themselves are `PodSpecDefaults`, shared with the embedded API server.
/// Only fields the server sets when they are absent are covered; anything missed there makes two
/// equal templates look different, which costs a new ReplicaSet, never a wrong adoption.
public enum PodTemplateDefaults {
    /// The template as it reads after defaulting, without the `rollouts-pod-template-hash` label.
    public static func normalized(_ template: PodTemplateSpec) -> JSONValue {
        guard var value = try? KubeJSON.encodeValue(PodTemplateHash.withoutHashLabel(template)) else { return .null }
        if var spec = value["spec"], spec.objectValue != nil {
            PodSpecDefaults.apply(to: &spec)
            value.setValue(spec, at: ["spec"])
        }
        if var metadata = value["metadata"], let object = metadata.objectValue {
            // Empty label and annotation maps are dropped by the server's encoder.
            for key in ["labels", "annotations"] where object[key]?.objectValue?.isEmpty == true {
                metadata.setValue(nil, at: [key])
            }
            value.setValue(metadata.objectValue?.isEmpty == true ? nil : metadata, at: ["metadata"])
        }
        return value
    }
}
