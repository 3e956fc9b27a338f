import Foundation
import KubeAPI
import RolloutController

/// Everything `vane get rollout` shows, derived from the objects alone (no clock, no terminal), the
/// way the incumbent's `info` package derives it: status and message as readers must trust them,
/// step and weights, images with their roles, and the revisions with their ReplicaSets, Pods and
/// AnalysisRuns.
struct RolloutView: Sendable, Equatable {
    struct Image: Sendable, Equatable {
        var image: String
        var tags: [String]
    }

    struct ReplicaSetRow: Sendable, Equatable {
        var name: String
        var revision: Int
        var created: Date?
        var status: String
        /// `stable`, `canary`, `active`, `preview`.
        var roles: [String]
        var scaleDownDeadline: Date?
        var replicas: Int
        var available: Int
        var images: [String]
        var pods: [PodSummary]
    }

    struct AnalysisRunRow: Sendable, Equatable {
        var name: String
        var revision: Int
        var created: Date?
        var phase: String
        var successful = 0
        var failed = 0
        var inconclusive = 0
        var error = 0
    }

    var name: String
    var namespace: String
    var created: Date?
    var status: String
    var message: String
    /// `Canary`, `BlueGreen`, or empty when neither is set.
    var strategy: String
    var step: String
    var setWeight: String
    var actualWeight: String
    var desired: Int
    var current: Int
    var updated: Int
    var ready: Int
    var available: Int
    var replicaSets: [ReplicaSetRow]
    var analysisRuns: [AnalysisRunRow]

    /// The incumbent's key, and the one spec/rollout.md names.
    static let scaleDownDeadlineAnnotations = [
        ArgoAnnotations.unprefixedScaleDownDeadline, ArgoAnnotations.scaleDownDeadline,
    ]

    init(rollout: Rollout, replicaSets: [ReplicaSet], pods: [Pod], analysisRuns: [AnalysisRun]) {
        let status = rollout.status ?? RolloutStatus()
        name = rollout.metadata.name ?? ""
        namespace = rollout.metadata.namespace ?? ""
        created = rollout.metadata.creationTimestamp?.date
        (self.status, message) = Self.phase(of: rollout)
        desired = Int(rollout.spec.replicas ?? 1)
        current = Int(status.replicas ?? 0)
        updated = Int(status.updatedReplicas ?? 0)
        ready = Int(status.readyReplicas ?? 0)
        available = Int(status.availableReplicas ?? 0)
        self.replicaSets = Self.replicaSetRows(rollout: rollout, replicaSets: replicaSets, pods: pods)
        self.analysisRuns = Self.analysisRunRows(owner: rollout.metadata.uid, analysisRuns)
        step = ""
        setWeight = ""
        actualWeight = ""
        strategy = ""
        if let canary = rollout.spec.strategy?.canary {
            strategy = "Canary"
            let steps = canary.steps ?? []
            if let index = status.currentStepIndex, !steps.isEmpty { step = "\(index)/\(steps.count)" }
            setWeight = String(Self.currentSetWeight(rollout))
            let currentStepIndex = Int(status.currentStepIndex ?? 0)
            if steps.isEmpty || currentStepIndex >= steps.count {
                actualWeight = "100"
            } else if available > 0, canary.trafficRouting == nil {
                let canaryAvailable = self.replicaSets.last { $0.roles.contains("canary") }?.available ?? 0
                actualWeight = String(canaryAvailable * 100 / available)
            } else if available > 0 {
                actualWeight = status.canary?.weights.map { String($0.canary.weight) } ?? setWeight
            } else {
                actualWeight = "0"
            }
        } else if rollout.spec.strategy?.blueGreen != nil {
            strategy = "BlueGreen"
        }
    }

    /// Phase and message as tools must read them: the written phase, unless the controller has not
    /// yet seen the current generation.
    static func phase(of rollout: Rollout) -> (String, String) {
        let status = rollout.status ?? RolloutStatus()
        let observed = status.observedGeneration.flatMap { Int64($0) }
        if let observed, let generation = rollout.metadata.generation, observed < generation {
            return (RolloutStatus.Phase.progressing, "waiting for rollout spec update to be observed")
        }
        guard let phase = status.phase, !phase.isEmpty else {
            return (RolloutStatus.Phase.progressing, "waiting for rollout status")
        }
        return (phase, status.message ?? "")
    }

    /// The weight the current step asks for: 0 when aborted, 100 past the last step, else the
    /// nearest `setWeight` at or before the current step.
    static func currentSetWeight(_ rollout: Rollout) -> Int {
        if rollout.status?.abort == true { return 0 }
        return Int(CanarySteps.weight(rollout.spec.strategy?.canary?.steps ?? [], at: rollout.status?.currentStepIndex))
    }

    /// Distinct revisions, newest first.
    var revisions: [Int] {
        Array(Set(replicaSets.map(\.revision) + analysisRuns.map(\.revision))).sorted(by: >)
    }

    /// Running images (of ReplicaSets that have pods), each with the roles of the ReplicaSets that run it.
    var images: [Image] {
        var images: [Image] = []
        for replicaSet in replicaSets where replicaSet.replicas > 0 {
            for image in replicaSet.images {
                if let index = images.firstIndex(where: { $0.image == image }) {
                    images[index].tags = Array(Set(images[index].tags + replicaSet.roles)).sorted()
                } else {
                    images.append(Image(image: image, tags: replicaSet.roles.sorted()))
                }
            }
        }
        return images.sorted { $0.image < $1.image }
    }

    private static func replicaSetRows(rollout: Rollout, replicaSets: [ReplicaSet], pods: [Pod]) -> [ReplicaSetRow] {
        let status = rollout.status ?? RolloutStatus()
        let owned = replicaSets.filter { rs in
            rollout.metadata.uid != nil
                && (rs.metadata.ownerReferences ?? []).contains { $0.uid == rollout.metadata.uid }
        }
        let rows = owned.map { rs -> ReplicaSetRow in
            let hash = rs.metadata.label(ArgoLabels.podTemplateHash)
            var roles: [String] = []
            if rollout.spec.strategy?.canary != nil {
                if hash != nil && hash == status.stableRS {
                    roles.append("stable")
                } else if hash != nil && hash == status.currentPodHash {
                    roles.append("canary")
                }
            }
            if rollout.spec.strategy?.blueGreen != nil {
                if hash != nil && hash == status.stableRS { roles.append("stable") }
                if hash != nil && hash == status.blueGreen?["activeSelector"]?.stringValue {
                    roles.append("active")
                } else if hash != nil && hash == status.blueGreen?["previewSelector"]?.stringValue {
                    roles.append("preview")
                }
            }
            let deadline = scaleDownDeadlineAnnotations.lazy.compactMap { rs.metadata.annotation($0) }.first
                .flatMap { KubeTime(rfc3339: $0)?.date }
            let ownedPods =
                pods
                .filter { pod in
                    rs.metadata.uid != nil
                        && (pod.metadata.ownerReferences ?? []).contains { $0.uid == rs.metadata.uid }
                }
                .map(PodSummary.init)
                .sorted { ($0.created ?? .distantPast, $0.name) < ($1.created ?? .distantPast, $1.name) }
            return ReplicaSetRow(
                name: rs.metadata.name ?? "",
                revision: Int(rs.metadata.annotation(ArgoAnnotations.revision) ?? "") ?? 0,
                created: rs.metadata.creationTimestamp?.date,
                status: health(of: rs),
                roles: roles,
                scaleDownDeadline: deadline,
                replicas: Int(rs.status?.replicas ?? 0),
                available: Int(rs.status?.availableReplicas ?? 0),
                images: rs.spec.template?.spec?.containers.compactMap(\.image) ?? [],
                pods: ownedPods
            )
        }
        return rows.sorted { ($1.revision, $0.name) < ($0.revision, $1.name) }
    }

    /// The ReplicaSet's health as the incumbent reports it.
    static func health(of rs: ReplicaSet) -> String {
        let desired = rs.spec.replicas.map(Int.init)
        guard (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0) else { return "Progressing" }
        let failing = rs.status?.conditions?.contains { $0.type == "ReplicaFailure" && $0.status == "True" } ?? false
        if failing { return "ReplicaFailure" }
        if let desired, Int(rs.status?.availableReplicas ?? 0) < desired { return "Progressing" }
        return desired == 0 ? "ScaledDown" : "Healthy"
    }

    private static func analysisRunRows(owner: String?, _ runs: [AnalysisRun]) -> [AnalysisRunRow] {
        let rows = runs.filter { run in
            owner != nil && (run.metadata.ownerReferences ?? []).contains { $0.uid == owner }
        }.map { run in
            var row = AnalysisRunRow(
                name: run.metadata.name ?? "",
                revision: Int(run.metadata.annotation(ArgoAnnotations.revision) ?? "") ?? 0,
                created: run.metadata.creationTimestamp?.date,
                phase: run.status?["phase"]?.stringValue ?? ""
            )
            for result in run.status?["metricResults"]?.arrayValue ?? [] {
                row.successful += result["successful"]?.intValue ?? 0
                row.failed += result["failed"]?.intValue ?? 0
                row.inconclusive += result["inconclusive"]?.intValue ?? 0
                row.error += result["error"]?.intValue ?? 0
            }
            return row
        }
        return rows.sorted { lhs, rhs in
            if lhs.revision != rhs.revision { return lhs.revision > rhs.revision }
            if lhs.created != rhs.created { return (lhs.created ?? .distantPast) < (rhs.created ?? .distantPast) }
            return lhs.name > rhs.name
        }
    }
}
