import KubeAPI

/// The basic-canary replica arithmetic of spec/rollout.md: how a traffic weight is approximated by
/// replica counts without a traffic router, and how far the ReplicaSets may move towards their
/// targets in one reconcile without breaking `maxSurge` / `maxUnavailable`. Pure functions over
/// integers, table-tested.
public enum CanaryArithmetic {
    /// `maxSurge` / `maxUnavailable` as written, or nil when absent or invalid (validation reports it).
    static func parsed(_ value: IntOrString?) -> IntOrPercent? {
        guard let value, case .success(let parsed) = RolloutValidation.parse(value) else { return nil }
        return parsed
    }

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
    /// desired pods. The candidates are the ceiling and the floor of `replicas × weight / 100`, over a
    /// total of `replicas` and — when `maxSurge > 0` — of `replicas + 1`; the one whose actual weight
    /// is closest wins (the first on a tie). A floor of zero is skipped (and a ceiling equal to
    /// `replicas` at the unsurged total) unless the weight is 0 or 100 or a single replica may not
    /// surge, so for weights 1–99 both sides keep a pod; a floor equally far from the weight as the
    /// ceiling is skipped, so ties go to the larger canary. These are the incumbent's rules.
    public static func targets(replicas: Int, weight: Int, maxSurge: Int) -> (canary: Int, stable: Int) {
        let weight = min(max(weight, 0), 100)
        guard replicas > 0 else { return (0, 0) }
        let ceiling = (replicas * weight + 99) / 100
        let floor = replicas * weight / 100
        let zeroOrFullAllowed = weight == 0 || weight == 100 || (replicas == 1 && maxSurge == 0)
        var candidates: [(canary: Int, total: Int)] = []
        if ceiling < replicas || zeroOrFullAllowed { candidates.append((ceiling, replicas)) }
        if !isTie(replicas: replicas, weight: weight), floor != 0 || zeroOrFullAllowed {
            candidates.append((floor, replicas))
        }
        if maxSurge > 0 {
            candidates.append((ceiling, replicas + 1))
            if !isTie(replicas: replicas + 1, weight: weight), floor != 0 || zeroOrFullAllowed {
                candidates.append((floor, replicas + 1))
            }
        }
        guard var best = candidates.first else { return (0, replicas) }
        for candidate in candidates.dropFirst()
        where distance(candidate, from: weight) < distance(best, from: weight) {
            best = candidate
        }
        return (best.canary, best.total - best.canary)
    }

    /// True when `total × weight / 100` lies exactly halfway between two integers.
    private static func isTie(replicas total: Int, weight: Int) -> Bool {
        (total * weight) % 100 == 50
    }

    /// How far a candidate's actual weight is from the desired one, in percentage points.
    private static func distance(_ candidate: (canary: Int, total: Int), from weight: Int) -> Double {
        abs(Double(candidate.canary * 100) / Double(candidate.total) - Double(weight))
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
        replicas: Int,
        maxSurge: Int,
        maxUnavailable: Int,
        canary: Side,
        stable: Side,
        old: [Side],
        canaryTarget: Int,
        stableTarget: Int
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
