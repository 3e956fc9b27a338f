import RolloutController
import Testing

@Suite struct CanaryArithmeticTests {
    /// (replicas, maxSurge, weight) → (canary, stable). The first rows are spec/rollout.md's worked
    /// examples; then the incumbent's own table of weight approximations (its unit tests list them);
    /// then rows of ours that exercise larger surges and replica counts.
    static let rows: [(Int, Int, Int, Int, Int)] = [
        (10, 3, 20, 2, 8),
        (5, 2, 20, 1, 4),
        (3, 1, 50, 2, 2),
        (3, 0, 50, 2, 1),
        (0, 0, 0, 0, 0),
        (0, 0, 50, 0, 0),
        (0, 0, 100, 0, 0),
        (0, 1, 0, 0, 0),
        (0, 1, 50, 0, 0),
        (0, 1, 100, 0, 0),
        (1, 0, 0, 0, 1),
        (1, 0, 1, 0, 1),
        (1, 0, 49, 0, 1),
        (1, 0, 50, 1, 0),
        (1, 0, 99, 1, 0),
        (1, 0, 100, 1, 0),
        (1, 1, 0, 0, 1),
        (1, 1, 1, 1, 1),
        (1, 1, 49, 1, 1),
        (1, 1, 50, 1, 1),
        (1, 1, 99, 1, 1),
        (1, 1, 100, 1, 0),
        (2, 0, 0, 0, 2),
        (2, 0, 1, 1, 1),
        (2, 0, 50, 1, 1),
        (2, 0, 99, 1, 1),
        (2, 0, 100, 2, 0),
        (2, 1, 0, 0, 2),
        (2, 1, 1, 1, 2),
        (2, 1, 50, 1, 1),
        (2, 1, 99, 2, 1),
        (2, 1, 100, 2, 0),
        (3, 0, 10, 1, 2),
        (3, 0, 25, 1, 2),
        (3, 0, 33, 1, 2),
        (3, 0, 34, 1, 2),
        (3, 0, 49, 1, 2),
        (3, 0, 50, 2, 1),
        (3, 1, 10, 1, 3),
        (3, 1, 25, 1, 3),
        (3, 1, 33, 1, 2),
        (3, 1, 34, 1, 2),
        (3, 1, 49, 2, 2),
        (3, 1, 50, 2, 2),
        (10, 1, 0, 0, 10),
        (10, 0, 1, 1, 9),
        (10, 0, 14, 1, 9),
        (10, 0, 15, 2, 8),
        (10, 0, 16, 2, 8),
        (10, 0, 99, 9, 1),
        (10, 1, 100, 10, 0),
        (10, 1, 1, 1, 10),
        (10, 1, 18, 2, 9),
        (10, 1, 19, 2, 9),
        (10, 1, 20, 2, 8),
        (10, 1, 23, 2, 8),
        (10, 1, 24, 3, 8),
        (10, 1, 25, 3, 8),
        (10, 1, 99, 10, 1),
        (10, 3, 10, 1, 9),
        (10, 3, 30, 3, 7),
        (10, 3, 50, 5, 5),
        (10, 3, 90, 9, 1),
        (10, 3, 25, 3, 8),
        (4, 1, 50, 2, 2),
        (4, 1, 75, 3, 1),
        (4, 1, 30, 1, 3),
        (3, 1, 20, 1, 3),
        (5, 2, 50, 3, 3),
        (100, 25, 1, 1, 99),
        (20, 1, 33, 7, 14),
        (7, 0, 50, 4, 3),
        (7, 1, 50, 4, 4),
        (6, 2, 20, 1, 5),
        (6, 1, 90, 6, 1),
        (50, 1, 99, 50, 1),
        (10, 1, 95, 10, 1),
    ]

    @Test(arguments: rows.indices)
    func targets(row: Int) {
        let (replicas, surge, weight, canary, stable) = Self.rows[row]
        let result = CanaryArithmetic.targets(replicas: replicas, weight: weight, maxSurge: surge)
        #expect(
            result.canary == canary && result.stable == stable,
            "R=\(replicas) surge=\(surge) w=\(weight): got \(result)"
        )
    }

    @Test func percentagesRoundUpForSurgeAndDownForUnavailable() {
        #expect(CanaryArithmetic.resolve(.percent(25), of: 10, roundUp: true) == 3)
        #expect(CanaryArithmetic.resolve(.percent(25), of: 10, roundUp: false) == 2)
        #expect(CanaryArithmetic.resolve(.count(1), of: 10, roundUp: false) == 1)
    }

    typealias Side = CanaryArithmetic.Side

    @Test func scalesUpWithinTheSurgeBudgetFirst() {
        // 10 replicas, surge 3, unavailable 0, moving to 2/8 from 0/10.
        let step = CanaryArithmetic.step(
            replicas: 10,
            maxSurge: 3,
            maxUnavailable: 0,
            canary: Side(replicas: 0, available: 0),
            stable: Side(replicas: 10, available: 10),
            old: [],
            canaryTarget: 2,
            stableTarget: 8
        )
        #expect(step.canary == 2 && step.stable == 10)
    }

    @Test func drainsStableOnlyAsFarAsAvailabilityAllows() {
        // The canary's two pods are up but only one is available: stable may lose one pod.
        let step = CanaryArithmetic.step(
            replicas: 10,
            maxSurge: 3,
            maxUnavailable: 0,
            canary: Side(replicas: 2, available: 1),
            stable: Side(replicas: 10, available: 10),
            old: [],
            canaryTarget: 2,
            stableTarget: 8
        )
        #expect(step.canary == 2 && step.stable == 9)
    }

    @Test func oldReplicaSetsGoFirstAndUnavailablePodsAreFree() {
        let step = CanaryArithmetic.step(
            replicas: 4,
            maxSurge: 1,
            maxUnavailable: 1,
            canary: Side(replicas: 2, available: 2),
            stable: Side(replicas: 2, available: 2),
            old: [Side(replicas: 2, available: 0)],
            canaryTarget: 2,
            stableTarget: 2
        )
        #expect(step.old == [0])
        #expect(step.canary == 2 && step.stable == 2)
    }

    @Test func abortScalesStableUpBeforeTheCanaryDown() {
        let step = CanaryArithmetic.step(
            replicas: 10,
            maxSurge: 3,
            maxUnavailable: 0,
            canary: Side(replicas: 5, available: 5),
            stable: Side(replicas: 5, available: 5),
            old: [],
            canaryTarget: 0,
            stableTarget: 10
        )
        #expect(step.stable == 8)
        #expect(step.canary == 5)
        let next = CanaryArithmetic.step(
            replicas: 10,
            maxSurge: 3,
            maxUnavailable: 0,
            canary: Side(replicas: 5, available: 5),
            stable: Side(replicas: 8, available: 8),
            old: [],
            canaryTarget: 0,
            stableTarget: 10
        )
        #expect(next.canary == 2)
    }
}
