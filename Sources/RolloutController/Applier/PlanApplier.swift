import KubeAPI
import KubeClient
public import Logging

/// Turns a ``Plan`` into writes — the one place that does, in production (through a
/// ``FencedWriter``) and in planner tests (through an ``InMemoryWriter``). Writes go out in the
/// order of `Plan`'s fields, the status last, so a status never claims what a failed write did not do.
///
/// The rules every write follows:
/// - An event that reports a write (``PlannedEvent/write``) is recorded as soon as that write
///   succeeds, even if a later one fails: the next plan will not see the need for it again. The
///   events that follow from the status wait for the status write.
/// - Adoption and release are guarded by the ReplicaSet's `resourceVersion` as the plan saw it, so
///   two Rollouts can never both adopt one; the Rollout's own annotation likewise, so an operator's
///   change is never overwritten; the status goes through the status subresource the same way.
/// - A ReplicaSet that already exists on create, and a Pod or ReplicaSet already gone on delete,
///   are fine: an earlier write of ours landed and the caches have not caught up.
public struct PlanApplier<Writer: ObjectWriter>: Sendable {
    public let writer: Writer
    private let logger: Logger

    public init(
        writer: Writer,
        logger: Logger = Logger(label: "vane.controller", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.writer = writer
        self.logger = logger
    }

    /// Carries out `plan`, made from `input`; `record` receives each planned event once the write
    /// it reports has succeeded.
    public func apply(
        _ plan: Plan,
        madeFrom input: PlannerInput,
        record: (PlannedEvent) async -> Void
    ) async throws {
        let rollout = input.rollout
        let namespace = rollout.metadata.namespace
        func recordEvents(reporting write: PlannedWrite?) async {
            for event in plan.events where event.write == write { await record(event) }
        }

        let owner = rollout.ownerReferenceAsController
        for name in plan.adopt {
            try await changeOwners(of: name, in: namespace, among: input.orphans + input.replicaSets) { $0 + [owner] }
        }
        for name in plan.release {
            try await changeOwners(of: name, in: namespace, among: input.replicaSets) {
                $0.filter { $0.uid != owner.uid }
            }
        }
        if let created = plan.createReplicaSet {
            do {
                try await writer.create(created)
            } catch let error as KubeError where error.kind == .alreadyExists {
                // Another write of ours already landed; the cache catches up.
            }
            await recordEvents(reporting: .createReplicaSet)
        }
        if let revise = plan.revise {
            _ = try await writer.mergePatch(
                ReplicaSet.self,
                name: revise.name,
                namespace: namespace,
                patch: ["metadata": ["annotations": [ArgoAnnotations.revision: .string(String(revise.revision))]]],
                resourceVersion: nil
            )
        }
        for (name, _, size) in plan.scale {
            let desired = String(rollout.spec.replicas ?? 1)
            _ = try await writer.mergePatch(
                ReplicaSet.self,
                name: name,
                namespace: namespace,
                patch: [
                    "metadata": ["annotations": [ArgoAnnotations.desiredReplicas: .string(desired)]],
                    "spec": ["replicas": .number(JSONNumber(size))],
                ],
                resourceVersion: nil
            )
            await recordEvents(reporting: .scale(replicaSet: name))
        }
        for change in plan.services {
            var patch: JSONValue = ["spec": ["selector": [ArgoLabels.podTemplateHash: .string(change.to)]]]
            if change.markManaged {
                patch.setValue(
                    .string(rollout.metadata.name ?? ""),
                    at: ["metadata", "annotations", ArgoAnnotations.managedByRollouts]
                )
            }
            _ = try await writer.mergePatch(
                Service.self,
                name: change.service,
                namespace: namespace,
                patch: patch,
                resourceVersion: nil
            )
            await recordEvents(reporting: .switchService(change.service))
        }
        for restart in plan.restarts {
            do {
                try await writer.delete(
                    Pod.self,
                    name: restart.name,
                    namespace: namespace,
                    uid: restart.uid,
                    propagation: nil
                )
                logger.info(
                    "deleted pod for restart",
                    metadata: ["rollout.key": "\(rollout.key)", "k8s.name": "\(restart.name)"]
                )
            } catch let error as KubeError where error.kind == .notFound || error.kind == .conflict {
                // Gone already, or the name is a replacement's now.
            }
        }
        for name in plan.delete {
            do {
                try await writer.delete(
                    ReplicaSet.self,
                    name: name,
                    namespace: namespace,
                    uid: nil,
                    propagation: .background
                )
            } catch let error as KubeError where error.kind == .notFound {}
        }
        var current = rollout
        if let revision = plan.rolloutRevision {
            current = try await writer.mergePatch(
                Rollout.self,
                name: rollout.metadata.name ?? "",
                namespace: namespace,
                patch: ["metadata": ["annotations": [ArgoAnnotations.revision: .string(String(revision))]]],
                resourceVersion: rollout.metadata.resourceVersion
            )
        }
        if let status = plan.status {
            current.status = status
            _ = try await writer.updateStatus(current)
        }
        await recordEvents(reporting: nil)
    }

    /// Rewrites a ReplicaSet's owner references, guarded by the version the plan saw.
    private func changeOwners(
        of name: String,
        in namespace: String?,
        among replicaSets: [ReplicaSet],
        _ change: ([OwnerReference]) -> [OwnerReference]
    ) async throws {
        guard let replicaSet = replicaSets.first(where: { $0.metadata.name == name }) else { return }
        let references = change(replicaSet.metadata.ownerReferences ?? [])
        _ = try await writer.mergePatch(
            ReplicaSet.self,
            name: name,
            namespace: namespace,
            patch: ["metadata": ["ownerReferences": references.isEmpty ? .null : try KubeJSON.encodeValue(references)]],
            resourceVersion: replicaSet.metadata.resourceVersion
        )
    }
}
