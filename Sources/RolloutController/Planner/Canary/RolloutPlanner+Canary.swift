import KubeAPI

/// The canary strategy without a traffic router: the current step's weight becomes replica counts
/// (`CanaryArithmetic`), moved within the surge and availability budgets; the steps advance once
/// those pods are available (`+CanarySteps`); the new ReplicaSet becomes stable after the last
/// step; the stable Service follows the stable ReplicaSet and the canary Service the new one (the
/// stable one after an abort). Everything else is the shared core's.
extension RolloutPlanner {
    /// The canary's sequence of one reconcile.
    mutating func planCanary(_ canary: CanaryStrategy, template: PodTemplateSpec) {
        assignRoles(template: template)
        resetOnChange(stepHash: CanarySteps.hash(canary.steps))
        handleAbortAndFullPromotion()
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
        let targets = canaryTargets(maxSurge: maxSurge)
        let newSize = scaleTowards(targets, maxSurge: maxSurge, maxUnavailable: maxUnavailable, template: template)
        progressSteps(targets: targets, newSize: newSize)
        promoteCanaryIfDone()
        point(canary.stableService, at: stableReplicaSet)
        point(canary.canaryService, at: status.abort == true ? stableReplicaSet : roles.new)
        restartPods(maxUnavailable: maxUnavailable)
        cleanUpHistory()
        // Without a traffic router there are no traffic weights to report.
        var canaryStatus = status.canary ?? CanaryStatus()
        canaryStatus.weights = nil
        status.canary = canaryStatus
        computeStatus()
    }

    /// The (canary, stable) sizes this step aims for: the weight approximated by replica counts; all
    /// on the new ReplicaSet when there is no separate stable one; none on it when aborted.
    func canaryTargets(maxSurge: Int) -> (canary: Int, stable: Int) {
        guard roles.stable != nil else { return (replicas, 0) }
        if status.abort == true { return (0, replicas) }
        let weight = status.promoteFull == true ? 100 : Int(CanarySteps.weight(steps, at: status.currentStepIndex))
        return CanaryArithmetic.targets(replicas: replicas, weight: weight, maxSurge: maxSurge)
    }

    /// Moves the ReplicaSets towards `targets` within the surge and availability budgets — a manual
    /// pause holds every ReplicaSet where it is — and returns the new ReplicaSet's size now.
    private mutating func scaleTowards(
        _ targets: (canary: Int, stable: Int),
        maxSurge: Int,
        maxUnavailable: Int,
        template: PodTemplateSpec
    ) -> Int {
        func side(_ replicaSet: ReplicaSet?) -> CanaryArithmetic.Side {
            CanaryArithmetic.Side(replicas: replicaSet?.specReplicas ?? 0, available: replicaSet?.availableCount ?? 0)
        }
        let newSide = side(roles.new)
        let stableSide = side(roles.stable)
        let oldSides = roles.old.map(side)
        var next = (canary: newSide.replicas, stable: stableSide.replicas, old: oldSides.map(\.replicas))
        if rollout.spec.paused != true {
            next = CanaryArithmetic.step(
                replicas: replicas,
                maxSurge: maxSurge,
                maxUnavailable: maxUnavailable,
                canary: newSide,
                stable: stableSide,
                old: oldSides,
                canaryTarget: targets.canary,
                stableTarget: targets.stable
            )
        }
        resize(template: template, new: next.canary, stable: next.stable, old: next.old)
        return next.canary
    }

    /// Makes the new ReplicaSet stable: at once on the first deploy (there is nothing to compare
    /// it with), otherwise when it is fully available and every step is done or skipped.
    private mutating func promoteCanaryIfDone() {
        guard stableReplicaSet != nil else { return promote(because: "Initial deploy") }
        guard status.abort != true, let new = roles.new, new.availableCount == replicas else { return }
        if status.promoteFull == true {
            promote(because: "Full promotion requested")
        } else if steps.isEmpty || Int(status.currentStepIndex ?? 0) >= steps.count {
            promote(because: "Completed all \(steps.count) canary steps")
        }
    }
}
