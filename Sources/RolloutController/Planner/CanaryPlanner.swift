public import Foundation
public import KubeAPI

/// The pure heart of Vane: `(rollout, its ReplicaSets, now) → Plan` for the canary strategy without
/// traffic routing, with the semantics of spec/rollout.md. No I/O, no clocks: table-tested.
public enum CanaryPlanner {
    public static let revisionAnnotation = "rollout.argoproj.io/revision"
    public static let desiredReplicasAnnotation = "rollout.argoproj.io/desired-replicas"

    public static func plan(rollout: Rollout, replicaSets: [ReplicaSet], now: Date) -> Plan {
        var plan = Plan()
        var status = rollout.status ?? RolloutStatus()
        let original = rollout.status ?? RolloutStatus()
        let time = KubeTime(now)
        status.observedGeneration = rollout.metadata.generation.map { String($0) }
        let name = rollout.metadata.name ?? ""

        // Invalid specs change nothing but the status.
        let problems = RolloutValidation.problems(in: rollout)
        if !problems.isEmpty {
            let message = problems.map(\.description).joined(separator: "; ")
            if Conditions.set(&status, type: "InvalidSpec", status: "True", reason: "InvalidSpec", message: message, at: time) {
                plan.events.append(PlannedEvent(warning: true, reason: "InvalidSpec", message: message))
            }
            return finish(&plan, status: status, original: original, rollout: rollout)
        }
        Conditions.remove(&status, type: "InvalidSpec")
        guard let canary = rollout.spec.strategy?.canary, let template = rollout.spec.template, rollout.spec.workloadRef == nil else {
            Conditions.set(&status, type: "Progressing", status: "False", reason: "UnsupportedStrategy",
                           message: "this version of Vane progresses canary rollouts with an inline template only", at: time)
            return finish(&plan, status: status, original: original, rollout: rollout)
        }

        let replicas = Int(rollout.spec.replicas ?? 1)
        let maxSurge = CanaryArithmetic.resolve(parsed(canary.maxSurge) ?? .percent(25), of: replicas, roundUp: true)
        let maxUnavailable = CanaryArithmetic.resolve(parsed(canary.maxUnavailable) ?? .percent(25), of: replicas, roundUp: false)
        let steps = canary.steps ?? []

        // Which ReplicaSet is new (the template's), which is stable, which are old.
        let computedHash = PodTemplateHash.hash(of: template, collisionCount: status.collisionCount)
        let existingNew = replicaSets.first { $0.podTemplateHash == computedHash }
            ?? replicaSets.first { PodTemplateHash.matches($0, template) }
        let newHash = existingNew?.podTemplateHash ?? computedHash
        if status.currentPodHash != newHash {
            // A new template (or the first): start the steps over; a newer template supersedes a canary in progress.
            if status.currentPodHash != nil {
                plan.events.append(PlannedEvent(reason: "RolloutUpdated", message: "Rollout updated to revision \(nextRevision(replicaSets))"))
            }
            status.currentPodHash = newHash
            status.currentStepIndex = steps.isEmpty ? nil : 0
            status.pauseConditions = nil
            status.controllerPause = nil
            status.abort = nil
            status.abortedAt = nil
            status.promoteFull = nil
            Conditions.remove(&status, type: "Completed")
            Conditions.set(&status, type: "Progressing", status: "True", reason: existingNew == nil ? "NewReplicaSetCreated" : "ReplicaSetUpdated",
                           message: "ReplicaSet \"\(name)-\(newHash)\" is progressing.", at: time, forceUpdate: true)
        }
        // Retry: the abort was cleared (by `retry`) while the abort is still on record: start the steps over.
        if status.abort != true, status.conditions?.first(where: { $0.type == "Progressing" })?.reason == "RolloutAborted" {
            status.currentStepIndex = steps.isEmpty ? nil : 0
            status.abortedAt = nil
            Conditions.set(&status, type: "Progressing", status: "True", reason: "RolloutRetry", message: "Retrying the rollout from its first step", at: time, forceUpdate: true)
            plan.events.append(PlannedEvent(reason: "RolloutRetry", message: "Retrying the rollout from its first step"))
        }
        let stableHash = status.stableRS
        let stableRS = stableHash == newHash ? nil : replicaSets.first { $0.podTemplateHash == stableHash && stableHash != nil }
        let firstRollout = stableRS == nil
        let olds = replicaSets.filter { $0.podTemplateHash != newHash && $0.podTemplateHash != stableRS?.podTemplateHash }

        // Fast rollback: the template went back to the stable one.
        if stableHash == newHash, let index = status.currentStepIndex, index < steps.count {
            status.currentStepIndex = Int32(steps.count)
            status.pauseConditions = nil
            status.controllerPause = nil
        }

        var index = Int(status.currentStepIndex ?? Int32(steps.count))
        index = min(max(index, 0), steps.count)
        let aborted = status.abort == true
        let done = firstRollout || status.promoteFull == true || index >= steps.count

        // Targets for this reconcile.
        var canaryTarget = replicas
        var stableTarget = 0
        var weight: Int32 = 100
        if aborted {
            canaryTarget = 0
            stableTarget = replicas
            weight = 0
        } else if !done {
            weight = currentWeight(steps, through: index)
            (canaryTarget, stableTarget) = CanaryArithmetic.targets(replicas: replicas, weight: Int(weight), maxSurge: maxSurge)
            if let scale = currentCanaryScale(steps, through: index) {
                if let count = scale.replicas { canaryTarget = Int(count) }
                if let percent = scale.weight { canaryTarget = Int((Double(replicas) * Double(percent) / 100).rounded(.up)) }
            }
        }

        // Create the new ReplicaSet if it does not exist yet.
        var newSide = CanaryArithmetic.Side(replicas: existingNew.map(\.specReplicas) ?? 0, available: existingNew?.availableCount ?? 0)
        let stableSide = CanaryArithmetic.Side(replicas: stableRS?.specReplicas ?? 0, available: stableRS?.availableCount ?? 0)
        let oldSides = olds.map { CanaryArithmetic.Side(replicas: $0.specReplicas, available: $0.availableCount) }
        let paused = rollout.spec.paused == true
        var next = (canary: newSide.replicas, stable: stableSide.replicas, old: oldSides.map(\.replicas))
        if !paused {
            next = CanaryArithmetic.step(
                replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable,
                canary: newSide, stable: stableSide, old: oldSides, canaryTarget: canaryTarget, stableTarget: stableTarget
            )
        }
        if existingNew == nil {
            let revision = nextRevision(replicaSets)
            plan.createReplicaSet = newReplicaSet(rollout, template: template, hash: newHash, replicas: next.canary, revision: revision)
            plan.events.append(PlannedEvent(reason: "NewReplicaSetCreated", message: "Created ReplicaSet \(name)-\(newHash) (revision \(revision)) with size \(next.canary)"))
            newSide = CanaryArithmetic.Side(replicas: next.canary, available: 0)
        } else if let existingNew, next.canary != newSide.replicas {
            scale(&plan, existingNew, to: next.canary)
        }
        if let stableRS, next.stable != stableSide.replicas { scale(&plan, stableRS, to: next.stable) }
        for (old, size) in zip(olds, next.old) where size != old.specReplicas { scale(&plan, old, to: size) }
        let moved = !plan.scale.isEmpty || plan.createReplicaSet != nil

        // Step progress, once the ReplicaSets sit at their targets and those are available.
        let atTargets = !moved && newSide.replicas == canaryTarget && newSide.available >= canaryTarget
            && stableSide.replicas == stableTarget && stableSide.available >= stableTarget
            && oldSides.allSatisfy { $0.replicas == 0 }
        if !firstRollout && !aborted && !paused && !done && atTargets {
            advance(&status, &plan, steps: steps, index: index, now: now)
        }

        // Promotion: the new ReplicaSet becomes stable once every step is done and it is fully available.
        let newAvailable = newSide.available
        let finished = firstRollout || status.promoteFull == true || Int(status.currentStepIndex ?? Int32(steps.count)) >= steps.count
        if !aborted && finished && newSide.replicas == replicas && newAvailable >= replicas && status.stableRS != newHash {
            status.stableRS = newHash
            status.currentStepIndex = steps.isEmpty ? nil : Int32(steps.count)
            status.pauseConditions = nil
            status.controllerPause = nil
            status.promoteFull = nil
            plan.events.append(PlannedEvent(reason: "RolloutCompleted", message: "Rollout completed update to revision \(revisionOf(existingNew) ?? nextRevision(replicaSets)) (\(newHash)): Healthy"))
            Conditions.set(&status, type: "Progressing", status: "True", reason: "NewReplicaSetAvailable",
                           message: "ReplicaSet \"\(name)-\(newHash)\" has successfully progressed.", at: time)
        }

        // Abort.
        if aborted {
            let message = "Rollout aborted update to revision \(revisionOf(existingNew) ?? nextRevision(replicaSets))"
            if Conditions.set(&status, type: "Progressing", status: "False", reason: "RolloutAborted", message: message, at: time) {
                plan.events.append(PlannedEvent(warning: true, reason: "RolloutAborted", message: message))
                if status.abortedAt == nil { status.abortedAt = time }
            }
            status.pauseConditions = nil
            status.controllerPause = nil
        } else if moved {
            Conditions.set(&status, type: "Progressing", status: "True", reason: "ReplicaSetUpdated",
                           message: "ReplicaSet \"\(name)-\(newHash)\" is progressing.", at: time, forceUpdate: true)
        }

        // Progress deadline.
        let complete = status.stableRS == newHash
        let waiting = paused || !(status.pauseConditions ?? []).isEmpty
        if !aborted && !complete && !waiting, let progressing = status.conditions?.first(where: { $0.type == "Progressing" }),
           progressing.reason != "ProgressDeadlineExceeded", let since = progressing.lastUpdateTime?.date {
            let deadline = TimeInterval(rollout.spec.progressDeadlineSeconds ?? 600)
            let elapsed = now.timeIntervalSince(since)
            if elapsed >= deadline {
                let message = "ReplicaSet \"\(name)-\(newHash)\" has timed out progressing."
                Conditions.set(&status, type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: message, at: time)
                plan.events.append(PlannedEvent(warning: true, reason: "RolloutNotCompleted", message: message))
                if rollout.spec.progressDeadlineAbort == true {
                    status.abort = true
                    status.abortedAt = time
                }
            } else {
                plan.requeueAfter = min(plan.requeueAfter ?? .seconds(deadline - elapsed), .seconds(deadline - elapsed))
            }
        }

        // Counts, selector, weights, conditions.
        let all = replicaSets
        status.replicas = Int32(all.reduce(0) { $0 + Int($1.status?.replicas ?? 0) })
        status.updatedReplicas = Int32(existingNew?.status?.replicas ?? 0)
        status.readyReplicas = Int32(all.reduce(0) { $0 + Int($1.status?.readyReplicas ?? 0) })
        status.availableReplicas = Int32(all.reduce(0) { $0 + Int($1.status?.availableReplicas ?? 0) })
        status.HPAReplicas = status.replicas
        status.selector = rollout.spec.selector.flatMap { try? Selector($0).description }
        let canaryWeight: Int32 = complete ? 0 : (aborted ? 0 : weight)
        status.canary = CanaryStatus(weights: TrafficWeights(
            canary: WeightDestination(weight: canaryWeight, podTemplateHash: newHash, serviceName: canary.canaryService),
            stable: WeightDestination(weight: 100 - canaryWeight, podTemplateHash: status.stableRS, serviceName: canary.stableService)
        ))
        let available = Int(status.availableReplicas ?? 0) >= max(0, replicas - maxUnavailable)
        Conditions.set(&status, type: "Available", status: available ? "True" : "False",
                       reason: available ? "AvailableReason" : "AvailableReason",
                       message: available ? "Rollout has minimum availability" : "Rollout does not have minimum availability", at: time)
        if paused || !(status.pauseConditions ?? []).isEmpty {
            Conditions.set(&status, type: "Paused", status: "True", reason: "RolloutPaused", message: "Rollout is paused", at: time)
        } else {
            Conditions.remove(&status, type: "Paused")
        }
        let fullyDone = complete && Int(status.updatedReplicas ?? 0) == replicas && Int(status.replicas ?? 0) == replicas
        Conditions.set(&status, type: "Completed", status: fullyDone ? "True" : "False",
                       reason: fullyDone ? "RolloutCompleted" : "RolloutNotCompleted",
                       message: fullyDone ? "Rollout completed update to revision \(revisionOf(existingNew) ?? 0)" : "Rollout not completed", at: time)

        // History: scaled-down old ReplicaSets beyond revisionHistoryLimit, oldest first.
        let limit = Int(rollout.spec.revisionHistoryLimit ?? 10)
        let idle = olds.filter { $0.specReplicas == 0 && ($0.status?.replicas ?? 0) == 0 }
            .sorted { (revisionOf($0) ?? 0) < (revisionOf($1) ?? 0) }
        if idle.count > limit {
            plan.delete = idle.prefix(idle.count - limit).compactMap(\.metadata.name)
        }

        let (phase, message) = RolloutPhase.compute(spec: rollout.spec, status: status, hasTrafficRouting: canary.trafficRouting != nil)
        let healthy = phase == "Healthy"
        Conditions.set(&status, type: "Healthy", status: healthy ? "True" : "False",
                       reason: healthy ? "RolloutHealthy" : "RolloutHealthy",
                       message: healthy ? "Rollout is healthy" : "Rollout is not healthy", at: time)
        return finish(&plan, status: status, original: original, rollout: rollout)
    }

    // MARK: Steps

    private static func advance(_ status: inout RolloutStatus, _ plan: inout Plan, steps: [CanaryStep], index: Int, now: Date) {
        let step = steps[index]
        let stepLabel = "\(index + 1)/\(steps.count)"
        if let pause = step.pause {
            let duration = pause.duration.flatMap(RolloutValidation.pauseDuration)
            if status.controllerPause == true && (status.pauseConditions ?? []).isEmpty {
                // Promoted from the pause (pause conditions cleared by an operator).
                status.controllerPause = nil
                status.currentStepIndex = Int32(index + 1)
                plan.events.append(PlannedEvent(reason: "RolloutStepCompleted", message: "Rollout step \(stepLabel) completed (pause)"))
            } else if let condition = status.pauseConditions?.first(where: { $0.reason == "CanaryPauseStep" }) {
                guard let duration else { return }
                let ends = condition.startTime.date.addingTimeInterval(seconds(duration))
                if now >= ends {
                    status.pauseConditions = nil
                    status.controllerPause = nil
                    status.currentStepIndex = Int32(index + 1)
                    plan.events.append(PlannedEvent(reason: "RolloutStepCompleted", message: "Rollout step \(stepLabel) completed (pause: \(pause.duration?.description ?? ""))"))
                    plan.events.append(PlannedEvent(reason: "RolloutResumed", message: "Rollout is resumed"))
                } else {
                    plan.requeueAfter = .seconds(ends.timeIntervalSince(now))
                }
            } else {
                // The API keeps whole seconds: round the start up so a pause never ends early.
                let start = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.up))
                status.pauseConditions = [PauseCondition(reason: "CanaryPauseStep", startTime: KubeTime(start))]
                status.controllerPause = true
                plan.events.append(PlannedEvent(reason: "RolloutPaused", message: "Rollout is paused (CanaryPauseStep)"))
                if let duration { plan.requeueAfter = duration + .seconds(start.timeIntervalSince(now)) }
            }
            return
        }
        status.currentStepIndex = Int32(index + 1)
        let what = step.setWeight.map { "setWeight: \($0)" } ?? (step.setCanaryScale != nil ? "setCanaryScale" : "unsupported step, skipped")
        plan.events.append(PlannedEvent(reason: "RolloutStepCompleted", message: "Rollout step \(stepLabel) completed (\(what))"))
    }

    /// The weight in force at step `index`: the last `setWeight` at or before it (0 before any).
    static func currentWeight(_ steps: [CanaryStep], through index: Int) -> Int32 {
        guard !steps.isEmpty else { return 100 }
        let upper = min(index, steps.count - 1)
        return steps[...upper].last(where: { $0.setWeight != nil })?.setWeight ?? 0
    }

    static func currentCanaryScale(_ steps: [CanaryStep], through index: Int) -> SetCanaryScale? {
        guard !steps.isEmpty else { return nil }
        let upper = min(index, steps.count - 1)
        guard let scale = steps[...upper].last(where: { $0.setCanaryScale != nil })?.setCanaryScale, scale.matchTrafficWeight != true else { return nil }
        return scale
    }

    // MARK: ReplicaSets

    private static func scale(_ plan: inout Plan, _ replicaSet: ReplicaSet, to size: Int) {
        let from = replicaSet.specReplicas
        let name = replicaSet.metadata.name ?? ""
        plan.scale.append((name, from, size))
        plan.events.append(PlannedEvent(reason: "ScalingReplicaSet", message: "Scaled \(size > from ? "up" : "down") replica set \(name) from \(from) to \(size)"))
    }

    private static func newReplicaSet(_ rollout: Rollout, template: PodTemplateSpec, hash: String, replicas: Int, revision: Int) -> ReplicaSet {
        var template = template
        var labels = template.metadata?.labels ?? [:]
        labels[PodTemplateHash.label] = hash
        if template.metadata == nil { template.metadata = ObjectMeta() }
        template.metadata?.labels = labels
        var selector = rollout.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([PodTemplateHash.label: hash]) { $1 }
        var metadata = ObjectMeta(name: "\(rollout.metadata.name ?? "")-\(hash)", namespace: rollout.metadata.namespace, labels: labels)
        metadata.annotations = [revisionAnnotation: String(revision), desiredReplicasAnnotation: String(rollout.spec.replicas ?? 1)]
        metadata.ownerReferences = [OwnerReference(
            apiVersion: Rollout.resource.apiVersion, kind: "Rollout", name: rollout.metadata.name ?? "",
            uid: rollout.metadata.uid ?? "", controller: true, blockOwnerDeletion: true
        )]
        return ReplicaSet(metadata: metadata, spec: ReplicaSetSpec(
            replicas: Int32(replicas), minReadySeconds: rollout.spec.minReadySeconds, selector: selector, template: template
        ))
    }

    private static func nextRevision(_ replicaSets: [ReplicaSet]) -> Int {
        (replicaSets.compactMap(revisionOf).max() ?? 0) + 1
    }

    static func revisionOf(_ replicaSet: ReplicaSet?) -> Int? {
        replicaSet?.metadata.annotations?[revisionAnnotation].flatMap { Int($0) }
    }

    private static func parsed(_ value: IntOrString?) -> IntOrPercent? {
        guard let value, case .success(let parsed) = RolloutValidation.parse(value) else { return nil }
        return parsed
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func finish(_ plan: inout Plan, status: RolloutStatus, original: RolloutStatus, rollout: Rollout) -> Plan {
        var status = status
        let (phase, message) = RolloutPhase.compute(
            spec: rollout.spec, status: status, hasTrafficRouting: rollout.spec.strategy?.canary?.trafficRouting != nil
        )
        status.phase = phase
        status.message = message
        if status != original { plan.status = status }
        return plan
    }
}

extension ReplicaSet {
    var podTemplateHash: String? { metadata.labels?[PodTemplateHash.label] }
    var specReplicas: Int { Int(spec.replicas ?? 1) }
    var availableCount: Int { Int(status?.availableReplicas ?? 0) }
}
