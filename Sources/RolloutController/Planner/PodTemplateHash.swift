public import KubeAPI

/// Names ReplicaSets after their pod template: a stable FNV-1a hash of the template (without the
/// hash label itself, plus `collisionCount` on collision), written in Kubernetes' "safe" alphabet
/// that never spells words, like the incumbent's `rollouts-pod-template-hash`.
public enum PodTemplateHash {
    public static func hash(of template: PodTemplateSpec, collisionCount: Int32? = nil) -> String {
        let canonical = (try? KubeJSON.encodeValue(withoutHashLabel(template))) ?? .null
        return safeEncodedFNV(
            JSONSerializer.serialize(canonical) + Array((collisionCount.map { String($0) } ?? "").utf8)
        )
    }

    /// The template as the Rollout declares it: the hash label removed.
    public static func withoutHashLabel(_ template: PodTemplateSpec) -> PodTemplateSpec {
        var copy = template
        copy.metadata?.labels?[ArgoLabels.podTemplateHash] = nil
        if copy.metadata?.labels?.isEmpty == true { copy.metadata?.labels = nil }
        return copy
    }

    /// The 32-bit FNV-1a hash of `bytes`, its decimal digits mapped onto Kubernetes' safe alphabet
    /// (`rand.SafeEncodeString`), as the incumbent writes pod-template and step hashes.
    static func safeEncodedFNV(_ bytes: [UInt8]) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}
