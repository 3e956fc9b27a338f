import Clocks
import Foundation
import KubeAPI
import KubeRuntime
import Testing

/// Durations computed with a floating-point jitter factor are equal to within a nanosecond.
func close(_ lhs: Duration, _ rhs: Duration) -> Bool {
    let difference = lhs - rhs
    return difference < .nanoseconds(1) && difference > .nanoseconds(-1)
}

@Suite("Lease state machine and leadership guard")
struct LeaseStateMachineTests {
    static let wall = Date(timeIntervalSince1970: 1_800_000_000)

    func configuration(_ identity: String = "me") -> LeaderElectionConfiguration {
        LeaderElectionConfiguration(identity: identity)  // 15 s / 10 s / 2 s
    }

    func lease(
        holder: String?,
        renewedAt: Date = wall,
        transitions: Int32 = 3,
        seconds: Int32 = 15,
        version: String = "7"
    ) -> Lease {
        var metadata = ObjectMeta(name: "vane-controller-lock", namespace: "default")
        metadata.resourceVersion = version
        return Lease(
            metadata: metadata,
            spec: LeaseSpec(
                holderIdentity: holder,
                leaseDurationSeconds: seconds,
                acquireTime: MicroTime(Self.wall),
                renewTime: MicroTime(renewedAt),
                leaseTransitions: transitions
            )
        )
    }

    @Test("an absent lease is created naming us, with zero transitions and microsecond times")
    func createsAbsentLease() throws {
        var machine = LeaseStateMachine(configuration: configuration())
        machine.observe(nil, at: .zero)
        guard case .create(let spec) = machine.decide(at: .zero, wallClock: Self.wall) else {
            Issue.record("expected create")
            return
        }
        #expect(spec.holderIdentity == "me")
        #expect(spec.leaseDurationSeconds == 15)
        #expect(spec.leaseTransitions == 0)
        #expect(spec.renewTime?.description == "2027-01-15T08:00:00.000000Z")
    }

    @Test("an empty holder is taken at once and counts a transition")
    func takesReleasedLease() {
        var machine = LeaseStateMachine(configuration: configuration())
        machine.observe(lease(holder: ""), at: .seconds(100))
        guard case .update(let spec, let version) = machine.decide(at: .seconds(100), wallClock: Self.wall) else {
            Issue.record("expected update")
            return
        }
        #expect(version == "7")
        #expect(spec.holderIdentity == "me")
        #expect(spec.leaseTransitions == 4)
    }

    @Test("expiry is measured from our own first sight of the record, not from its timestamps")
    func expiryFromOwnObservation() {
        var machine = LeaseStateMachine(configuration: configuration())
        // The other node's clock is a day behind: its renewTime looks ancient, which must not matter.
        let skewed = lease(holder: "other", renewedAt: Self.wall.addingTimeInterval(-86_400))
        machine.observe(skewed, at: .seconds(100))
        #expect(machine.decide(at: .seconds(114.999), wallClock: Self.wall) == .wait)
        // The holder renews: a changed record restarts the count.
        machine.observe(
            lease(holder: "other", renewedAt: Self.wall.addingTimeInterval(5), version: "8"),
            at: .seconds(110)
        )
        #expect(machine.decide(at: .seconds(124.999), wallClock: Self.wall) == .wait)
        // Seeing the same record again does not.
        machine.observe(
            lease(holder: "other", renewedAt: Self.wall.addingTimeInterval(5), version: "8"),
            at: .seconds(120)
        )
        guard case .update(let spec, _) = machine.decide(at: .seconds(125), wallClock: Self.wall) else {
            Issue.record("expected takeover")
            return
        }
        #expect(spec.holderIdentity == "me")
        #expect(spec.acquireTime == MicroTime(Self.wall))
        #expect(machine.takeoverTime() == .seconds(125))
    }

    @Test("a leader renews over the version it wrote, keeping acquireTime and transitions")
    func renews() {
        var machine = LeaseStateMachine(configuration: configuration())
        let gained = machine.writeSucceeded(
            lease(holder: "me", version: "9"),
            requestStart: .seconds(10),
            at: .seconds(10.1)
        )
        #expect(gained)
        #expect(machine.isLeader(at: .seconds(19.999)))
        let later = Self.wall.addingTimeInterval(2)
        guard case .update(let spec, let version) = machine.decide(at: .seconds(12), wallClock: later) else {
            Issue.record("expected renew")
            return
        }
        #expect(version == "9")
        #expect(spec.renewTime == MicroTime(later))
        #expect(spec.acquireTime == MicroTime(Self.wall))
        #expect(spec.leaseTransitions == 3)
        let outcome1 = machine.writeSucceeded(
            lease(holder: "me", version: "10"),
            requestStart: .seconds(12),
            at: .seconds(12.2)
        )
        #expect(!outcome1)
    }

    @Test("failed renewals end leadership exactly at the renew deadline from the last successful start")
    func stepsDownAtDeadline() {
        var machine = LeaseStateMachine(configuration: configuration())
        machine.writeSucceeded(lease(holder: "me"), requestStart: .seconds(10), at: .seconds(10.5))
        let outcome2 = machine.writeFailed(at: .seconds(19.999))
        #expect(!outcome2)
        #expect(machine.isLeader(at: .seconds(19.999)))
        #expect(!machine.isLeader(at: .seconds(20)))
        let outcome3 = machine.writeFailed(at: .seconds(20))
        #expect(outcome3)
        #expect(machine.lastRenewStart == nil)
    }

    @Test("a conflict that shows another holder ends leadership; one that still names us does not")
    func conflicts() {
        var machine = LeaseStateMachine(configuration: configuration())
        machine.writeSucceeded(lease(holder: "me"), requestStart: .seconds(1), at: .seconds(1))
        let outcome4 = machine.lostTo(lease(holder: "me", version: "12"), at: .seconds(2))
        #expect(!outcome4)
        let outcome5 = machine.lostTo(lease(holder: "other", version: "13"), at: .seconds(3))
        #expect(outcome5)
        #expect(!machine.isLeader(at: .seconds(3)))
    }

    @Test("release empties the holder only while we hold the lease")
    func release() {
        var machine = LeaseStateMachine(configuration: configuration())
        machine.observe(lease(holder: "other"), at: .zero)
        #expect(machine.releaseSpec(wallClock: Self.wall) == nil)
        machine.writeSucceeded(lease(holder: "me", version: "20"), requestStart: .seconds(1), at: .seconds(1))
        let release = machine.releaseSpec(wallClock: Self.wall)
        #expect(release?.0.holderIdentity == "")
        #expect(release?.0.leaseDurationSeconds == 1)
        #expect(release?.resourceVersion == "20")
    }

    @Test("followers wait a retry period plus at most 20 % jitter; leaders exactly a retry period")
    func jitterBounds() {
        var machine = LeaseStateMachine(configuration: configuration())
        #expect(machine.retryDelay(random: 0) == .seconds(2))
        #expect(close(machine.retryDelay(random: 0.5), .seconds(2.2)))
        #expect(machine.retryDelay(random: 0.999_999) < .seconds(2.4))
        #expect(machine.retryDelay(random: 0.999_999) > .seconds(2.39))
        #expect(close(machine.retryDelay(random: 7), .seconds(2.4)))
        machine.writeSucceeded(lease(holder: "me"), requestStart: .seconds(1), at: .seconds(1))
        #expect(machine.retryDelay(random: 0.9) == .seconds(2))
    }

    @Test(
        arguments: [
            (15, 10, 2, nil),
            (10, 10, 2, "must be greater than --leader-election-renew-deadline"),
            (15, 2, 2, "must be greater than 1.2 × --leader-election-retry-period"),
            (15, 10, 0, "--leader-election-retry-period must be greater than zero"),
            (-1, 10, 2, "--leader-election-lease-duration must be greater than zero"),
        ] as [(Int, Int, Int, String?)]
    )
    func validation(lease: Int, renew: Int, retry: Int, message: String?) {
        let configuration = LeaderElectionConfiguration(
            identity: "me",
            leaseDuration: .seconds(lease),
            renewDeadline: .seconds(renew),
            retryPeriod: .seconds(retry)
        )
        do {
            try configuration.validate()
            #expect(message == nil)
        } catch {
            #expect(message.map { error.description.contains($0) } == true, "\(error)")
        }
    }

    @Test("the guard is valid until renew start + renew deadline, and write timeouts end before the lease can pass on")
    func guardFencing() async throws {
        let clock = TestClock()
        let fence = LeadershipGuard(clock: clock)
        #expect(throws: NotLeaderError.self) { try fence.check() }
        var changes = fence.changes().makeAsyncIterator()
        #expect(await changes.next() == false)
        fence.extendForTesting(renewStart: .zero, renewDeadline: .seconds(10), leaseDuration: .seconds(15))
        #expect(await changes.next() == true)
        await clock.advance(by: .seconds(4))
        #expect(try fence.writeTimeout(limit: .seconds(30)) == .seconds(11))
        #expect(try fence.writeTimeout(limit: .seconds(5)) == .seconds(5))
        await clock.advance(by: .milliseconds(5999))
        try fence.check()
        await clock.advance(by: .milliseconds(1))
        #expect(throws: NotLeaderError.self) { try fence.check() }
        #expect(throws: NotLeaderError.self) { try fence.writeTimeout(limit: .seconds(1)) }
        #expect(fence.term == 1)
    }
}
