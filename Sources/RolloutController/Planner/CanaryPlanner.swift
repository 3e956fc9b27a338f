public import Foundation
public import KubeAPI

/// The pure heart of Vane: `(rollout, its ReplicaSets, Services, Pods, now) → Plan` for the canary
/// strategy without traffic routing, with the semantics of spec/rollout.md and the incumbent's
/// observed behaviour. No I/O, no clocks: table-tested.
///
/// One reconcile runs the phases below in order; each lives in a file of its own:
/// ownership and roles (`ReplicaSetRoles`), resets, abort and full promotion (`+Lifecycle`),
/// replica targets and scaling (here), steps and pauses (`+Steps`), Services (`+Services`),
/// restarts (`+Restarts`), history, then counts, conditions and phase (`+Status`).
public struct CanaryPlanner {
    let input: PlannerInput
    var plan = Plan()
    var status: RolloutStatus
    let original: RolloutStatus
    let time: KubeTime
    /// Set once the spec is known to be valid; empty before.
    var roles = ReplicaSetRoles()
    /// The new ReplicaSet's size and availability as this reconcile leaves them.
    var newSide = CanaryArithmetic.Side(replicas: 0, available: 0)
    /// True when this reconcile creates or resizes a ReplicaSet.
    var moved = false
    /// The message of an abort caused by this reconcile (the progress deadline).
    var abortMessage: String?

    var rollout: Rollout { input.rollout }
    var name: String { rollout.metadata.name ?? "" }
    var replicas: Int { Int(rollout.spec.replicas ?? 1) }
    var steps: [CanaryStep] { rollout.spec.strategy?.canary?.steps ?? [] }
    var newName: String { "\(name)-\(roles.newHash)" }

    public static func plan(rollout: Rollout, replicaSets: [ReplicaSet], now: Date) -> Plan {
        plan(PlannerInput(rollout: rollout, replicaSets: replicaSets, now: now))
    }

    public static func plan(_ input: PlannerInput) -> Plan {
        var planner = CanaryPlanner(input: input)
        planner.run()
        return planner.plan
    }

    /// The plan after a failing dependency (`input.dependencyFailure`) interrupted a reconcile's
    /// writes: the status as read, with the failure recorded, and nothing else. The full plan's
    /// status would claim writes that did not happen, and writing it at every retry would wake the
    /// Rollout again and again; this one changes only when the failure does.
    public static func planAfterFailure(_ input: PlannerInput) -> Plan {
        var planner = CanaryPlanner(input: input)
        if let failure = input.dependencyFailure { planner.record(failure) }
        if planner.status != planner.original { planner.plan.status = planner.status }
        return planner.plan
    }

    init(input: PlannerInput) {
        self.input = input
        self.original = input.rollout.status ?? RolloutStatus()
        self.status = original
        // Whole seconds, as the API keeps them: what is planned is what will be read back.
        self.time = KubeTime(Date(timeIntervalSince1970: input.now.timeIntervalSince1970.rounded(.down)))
    }

    private mutating func run() {
        status.observedGeneration = rollout.metadata.generation.map { String($0) }

        // Invalid specs (and references to Services that cannot be used) change nothing but the status.
        var problems = RolloutValidation.problems(in: rollout)
        if problems.isEmpty { problems = RolloutValidation.referenceProblems(in: rollout, services: input.services) }
        if !problems.isEmpty {
            let message = problems.map(\.description).joined(separator: "; ")
            if Conditions.set(
                &status,
                type: RolloutConditionType.invalidSpec,
                status: "True",
                reason: RolloutReason.invalidSpec,
                message: message,
                at: time
            ) {
                plan.events.append(PlannedEvent(warning: true, reason: RolloutReason.invalidSpec, message: message))
            }
            return finish()
        }
        Conditions.remove(&status, type: RolloutConditionType.invalidSpec)
        guard let canary = rollout.spec.strategy?.canary, let template = rollout.spec.template,
            rollout.spec.workloadRef == nil,
            canary.trafficRouting == nil
        else {
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "False",
                reason: RolloutReason.unsupportedStrategy,
                message:
                    "this version of Vane progresses canary rollouts without trafficRouting and with an inline template only",
                at: time
            )
            return finish()
        }

        roles = ReplicaSetRoles(
            rollout: rollout,
            template: template,
            owned: input.replicaSets,
            orphans: input.orphans,
            stableHash: status.stableRS
        )
        plan.adopt = roles.adopt
        plan.release = roles.release
        resetOnChange()
        handleAbortAndFullPromotion()
        let targets = scaleReplicaSets(canary: canary, template: template)
        progressSteps(targets: targets)
        promoteIfDone()
        switchServices(canary: canary)
        restartPods(canary: canary)
        cleanUpHistory()
        computeStatus()
        finish()
    }

    // MARK: Replica targets and scaling

    /// The (canary, stable) sizes this step aims for: the weight approximated by replica counts; all
    /// on the new ReplicaSet when there is no separate stable one; none on it when aborted.
    func targets(maxSurge: Int) -> (canary: Int, stable: Int) {
        let hasStable = roles.stable != nil
        guard hasStable else { return (replicas, 0) }
        if status.abort == true { return (0, replicas) }
        let weight = status.promoteFull == true ? 100 : Int(CanarySteps.weight(steps, at: status.currentStepIndex))
        return CanaryArithmetic.targets(replicas: replicas, weight: weight, maxSurge: maxSurge)
    }

    /// Moves the ReplicaSets towards this step's targets within the surge and availability budgets,
    /// creating the new ReplicaSet when needed; returns the targets.
    private mutating func scaleReplicaSets(
        canary: CanaryStrategy,
        template: PodTemplateSpec
    ) -> (canary: Int, stable: Int) {
        let maxSurge = CanaryArithmetic.resolve(
            CanaryArithmetic.parsed(canary.maxSurge) ?? .percent(25),
            of: replicas,
            roundUp: true
        )
        let maxUnavailable = CanaryArithmetic.resolve(
            CanaryArithmetic.parsed(canary.maxUnavailable) ?? .percent(25),
            of: replicas,
            roundUp: false
        )
        let (canaryTarget, stableTarget) = targets(maxSurge: maxSurge)
        let existing = roles.new
        newSide = CanaryArithmetic.Side(replicas: existing?.specReplicas ?? 0, available: existing?.availableCount ?? 0)
        let stableSide = CanaryArithmetic.Side(
            replicas: roles.stable?.specReplicas ?? 0,
            available: roles.stable?.availableCount ?? 0
        )
        let oldSides = roles.old.map { CanaryArithmetic.Side(replicas: $0.specReplicas, available: $0.availableCount) }
        var next = (canary: newSide.replicas, stable: stableSide.replicas, old: oldSides.map(\.replicas))
        // A manual pause holds every ReplicaSet where it is.
        if rollout.spec.paused != true {
            next = CanaryArithmetic.step(
                replicas: replicas,
                maxSurge: maxSurge,
                maxUnavailable: maxUnavailable,
                canary: newSide,
                stable: stableSide,
                old: oldSides,
                canaryTarget: canaryTarget,
                stableTarget: stableTarget
            )
        }

        if existing == nil {
            let revision = roles.highestOtherRevision + 1
            plan.createReplicaSet = newReplicaSet(template: template, replicas: next.canary, revision: revision)
            plan.events.append(
                PlannedEvent(
                    reason: RolloutReason.newReplicaSetCreated,
                    message: "Created ReplicaSet \(newName) (revision \(revision)) with size \(next.canary)",
                    write: .createReplicaSet
                )
            )
            Conditions.set(
                &status,
                type: RolloutConditionType.progressing,
                status: "True",
                reason: RolloutReason.newReplicaSetCreated,
                message: "Created new replica set \"\(newName)\"",
                at: time,
                forceUpdate: true
            )
            newSide = CanaryArithmetic.Side(replicas: next.canary, available: 0)
            moved = true
        } else if let existing {
            // A ReplicaSet taken back as the new one (a rollback) becomes the latest revision.
            if (existing.revision ?? 0) <= roles.highestOtherRevision {
                plan.revise = ReplicaSetRevision(
                    name: existing.metadata.name ?? "",
                    revision: roles.highestOtherRevision + 1
                )
            }
            scale(existing, to: next.canary)
            newSide = CanaryArithmetic.Side(replicas: next.canary, available: newSide.available)
        }
        if let stable = roles.stable { scale(stable, to: next.stable) }
        for (old, size) in zip(roles.old, next.old) { scale(old, to: size) }

        // The Rollout carries its new ReplicaSet's revision too (the CLI and messages read it there).
        if let revision = plan.revise?.revision ?? plan.createReplicaSet?.revision ?? roles.new?.revision,
            rollout.metadata.annotations?[ArgoAnnotations.revision] != String(revision)
        {
            plan.rolloutRevision = revision
        }
        return (canaryTarget, stableTarget)
    }

    /// Resizes a ReplicaSet, or only refreshes its desired-replicas annotation when that is stale.
    private mutating func scale(_ replicaSet: ReplicaSet, to size: Int) {
        let from = replicaSet.specReplicas
        let annotationStale = replicaSet.metadata.annotations?[ArgoAnnotations.desiredReplicas] != String(replicas)
        guard size != from || annotationStale else { return }
        let name = replicaSet.metadata.name ?? ""
        plan.scale.append((name, from, size))
        guard size != from else { return }
        moved = true
        plan.events.append(
            PlannedEvent(
                reason: RolloutReason.scalingReplicaSet,
                message: "Scaled \(size > from ? "up" : "down") replica set \(name) from \(from) to \(size)",
                write: .scale(replicaSet: name)
            )
        )
    }

    private func newReplicaSet(template: PodTemplateSpec, replicas size: Int, revision: Int) -> ReplicaSet {
        let hash = roles.newHash
        var template = template
        var labels = template.metadata?.labels ?? [:]
        labels[ArgoLabels.podTemplateHash] = hash
        if template.metadata == nil { template.metadata = ObjectMeta() }
        template.metadata?.labels = labels
        var selector = rollout.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([ArgoLabels.podTemplateHash: hash]) { $1 }
        var metadata = ObjectMeta(name: newName, namespace: rollout.metadata.namespace, labels: labels)
        metadata.annotations = [
            ArgoAnnotations.revision: String(revision), ArgoAnnotations.desiredReplicas: String(replicas),
        ]
        metadata.ownerReferences = [rollout.ownerReferenceAsController]
        return ReplicaSet(
            metadata: metadata,
            spec: ReplicaSetSpec(
                replicas: Int32(size),
                minReadySeconds: rollout.spec.minReadySeconds,
                selector: selector,
                template: template
            )
        )
    }

    // MARK: History

    /// Deletes scaled-down old ReplicaSets beyond `revisionHistoryLimit`, oldest first; one that
    /// still has pods, or whose controller has not caught up with its spec, is kept for now.
    private mutating func cleanUpHistory() {
        let limit = Int(rollout.spec.revisionHistoryLimit ?? 10)
        let alive = roles.old.filter { $0.metadata.deletionTimestamp == nil }
            .sorted {
                ($0.metadata.creationTimestamp?.date ?? .distantPast, $0.revision ?? 0) < (
                    $1.metadata.creationTimestamp?.date ?? .distantPast, $1.revision ?? 0
                )
            }
        guard alive.count > limit else { return }
        plan.delete = alive.prefix(alive.count - limit).filter { replicaSet in
            replicaSet.specReplicas == 0 && (replicaSet.status?.replicas ?? 0) == 0
                && (replicaSet.status?.observedGeneration ?? 0) >= (replicaSet.metadata.generation ?? 0)
                && !plan.scale.contains { $0.name == replicaSet.metadata.name && $0.to != 0 }
        }.compactMap(\.metadata.name)
    }

    // MARK: Finish

    private mutating func finish() {
        let (phase, message) = RolloutPhase.compute(
            spec: rollout.spec,
            status: status,
            hasTrafficRouting: rollout.spec.strategy?.canary?.trafficRouting != nil
        )
        status.phase = phase
        status.message = message
        if status != original { plan.status = status }
    }
}
