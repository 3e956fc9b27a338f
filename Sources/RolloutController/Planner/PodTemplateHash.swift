public import KubeAPI

/// Names ReplicaSets after their pod template: a stable FNV-1a hash of the template (without the
/// hash label itself, plus `collisionCount` on collision), written in Kubernetes' "safe" alphabet
/// that never spells words, like the incumbent's `rollouts-pod-template-hash`.
public enum PodTemplateHash {
    public static let label = "rollouts-pod-template-hash"

    public static func hash(of template: PodTemplateSpec, collisionCount: Int32? = nil) -> String {
        let canonical = (try? KubeJSON.encodeValue(withoutHashLabel(template))) ?? .null
        var hash: UInt32 = 2_166_136_261
        for byte in JSONSerializer.serialize(canonical) + Array((collisionCount.map { String($0) } ?? "").utf8) {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// The template as the Rollout declares it: the hash label removed.
    public static func withoutHashLabel(_ template: PodTemplateSpec) -> PodTemplateSpec {
        var copy = template
        copy.metadata?.labels?[label] = nil
        if copy.metadata?.labels?.isEmpty == true { copy.metadata?.labels = nil }
        return copy
    }

    /// True when a ReplicaSet's template is the Rollout's template (ignoring the hash label).
    public static func matches(_ replicaSet: ReplicaSet, _ template: PodTemplateSpec) -> Bool {
        guard let candidate = replicaSet.spec.template else { return false }
        let lhs = try? KubeJSON.encodeValue(withoutHashLabel(candidate))
        let rhs = try? KubeJSON.encodeValue(withoutHashLabel(template))
        return lhs != nil && lhs == rhs
    }
}
