/// The basic-canary replica arithmetic of spec/rollout.md: how a traffic weight is approximated by
/// replica counts without a traffic router, and how far the ReplicaSets may move towards their
/// targets in one reconcile without breaking `maxSurge` / `maxUnavailable`. Pure functions over
/// integers, table-tested.
public enum CanaryArithmetic {
    /// Resolves an int-or-percent against `total`; percentages round up for surge, down for unavailable.
    public static func resolve(_ value: IntOrPercent, of total: Int, roundUp: Bool) -> Int {
        switch value {
        case .count(let count): return max(0, count)
        case .percent(let percent):
            let exact = Double(total) * Double(percent) / 100
            return max(0, Int(roundUp ? exact.rounded(.up) : exact.rounded(.down)))
        }
    }

    /// The (canary, stable) replica counts that best approximate `weight` percent for `replicas`
    /// desired pods, allowing a total of one extra pod when `maxSurge > 0`.
    public static func targets(replicas: Int, weight: Int, maxSurge: Int) -> (canary: Int, stable: Int) {
        let weight = min(max(weight, 0), 100)
        guard replicas > 0 else { return (0, 0) }
        if weight == 0 { return (0, replicas) }
        if weight == 100 { return (replicas, 0) }
        let zeroOrFullAllowed = replicas == 1 && maxSurge == 0
        var candidates: [(canary: Int, total: Int)] = []
        for total in maxSurge > 0 ? [replicas, replicas + 1] : [replicas] {
            let exact = Double(total) * Double(weight) / 100
            let floor = Int(exact.rounded(.down))
            let ceil = Int(exact.rounded(.up))
            var pair: [Int] = []
            // When floor and ceil are equally far from the weight, prefer the larger canary.
            if exact - Double(floor) >= Double(ceil) - exact { pair = [ceil, floor] } else { pair = [floor, ceil] }
            for canary in pair {
                if canary == 0 && !zeroOrFullAllowed { continue }
                if canary >= total && !zeroOrFullAllowed { continue }
                if !candidates.contains(where: { $0 == (canary, total) }) { candidates.append((canary, total)) }
            }
        }
        guard var best = candidates.first else { return (min(1, replicas), max(replicas - 1, 0)) }
        var bestDistance = Double.infinity
        for candidate in candidates {
            let actual = Double(candidate.canary) / Double(candidate.total) * 100
            let distance = abs(actual - Double(weight))
            if distance < bestDistance - 1e-9 {
                best = candidate
                bestDistance = distance
            }
        }
        return (best.canary, best.total - best.canary)
    }

    /// Current size and availability of one side.
    public struct Side: Hashable, Sendable {
        public var replicas: Int
        public var available: Int

        public init(replicas: Int, available: Int) {
            self.replicas = replicas
            self.available = min(available, replicas)
        }
    }

    /// The sizes to set now. Scale-ups first (stable if below its target, then canary) within
    /// `replicas + maxSurge` pods in total; then scale-downs (old ReplicaSets first, then whichever
    /// side is above its target) only as far as keeps `replicas − maxUnavailable` pods available.
    /// Unavailable pods can always be removed: they do not count towards availability.
    public static func step(
        replicas: Int, maxSurge: Int, maxUnavailable: Int,
        canary: Side, stable: Side, old: [Side], canaryTarget: Int, stableTarget: Int
    ) -> (canary: Int, stable: Int, old: [Int]) {
        var newCanary = canary.replicas
        var newStable = stable.replicas
        var newOld = old.map(\.replicas)
        let maxTotal = replicas + maxSurge
        var total = canary.replicas + stable.replicas + old.reduce(0) { $0 + $1.replicas }

        // Scale up within the surge budget.
        if newStable < stableTarget {
            let room = max(0, maxTotal - total)
            let up = min(stableTarget - newStable, room)
            newStable += up
            total += up
        }
        if newCanary < canaryTarget {
            let room = max(0, maxTotal - total)
            let up = min(canaryTarget - newCanary, room)
            newCanary += up
            total += up
        }

        // Scale down within the availability budget.
        let minAvailable = max(0, replicas - maxUnavailable)
        var available = canary.available + stable.available + old.reduce(0) { $0 + $1.available }
        func shrink(_ current: Int, to target: Int, availableInSide: Int) -> Int {
            guard current > target else { return current }
            let unavailable = current - availableInSide
            var remaining = current - target
            let freeUnavailable = min(remaining, unavailable)
            remaining -= freeUnavailable
            let removableAvailable = min(remaining, max(0, available - minAvailable))
            available -= removableAvailable
            return current - freeUnavailable - removableAvailable
        }
        for index in newOld.indices {
            newOld[index] = shrink(newOld[index], to: 0, availableInSide: old[index].available)
        }
        newStable = shrink(newStable, to: stableTarget, availableInSide: stable.available)
        newCanary = shrink(newCanary, to: canaryTarget, availableInSide: canary.available)
        return (newCanary, newStable, newOld)
    }
}

/// `maxSurge` / `maxUnavailable` as numbers: a count or a percentage of the desired replicas.
public enum IntOrPercent: Hashable, Sendable {
    case count(Int)
    case percent(Int)
}
