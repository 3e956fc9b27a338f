/// The leader-election settings of spec/leader-election.md, with the incumbent's flag names and
/// defaults (15 s / 10 s / 2 s), validated at start-up so a bad combination fails with one line
/// instead of a leader that can never renew in time.
public struct LeaderElectionConfiguration: Sendable, Hashable {
    public var leaseName: String
    public var leaseNamespace: String
    /// Unique per process: pod name (or host name) plus a random suffix.
    public var identity: String
    public var leaseDuration: Duration
    public var renewDeadline: Duration
    public var retryPeriod: Duration
    /// Restore the incumbent's behaviour: exit the process when leadership is lost.
    public var exitOnLostLeadership: Bool

    public init(
        leaseName: String = "vane-controller-lock",
        leaseNamespace: String = "default",
        identity: String,
        leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2),
        exitOnLostLeadership: Bool = false
    ) {
        self.leaseName = leaseName
        self.leaseNamespace = leaseNamespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.exitOnLostLeadership = exitOnLostLeadership
    }

    /// client-go's jitter factor: a retry waits up to 20 % longer than the retry period.
    public static let jitterFactor = 1.2

    /// Throws a one-line explanation when the durations cannot work together.
    public func validate() throws(LeaderElectionConfigurationError) {
        for (flag, value) in [
            ("lease-duration", leaseDuration), ("renew-deadline", renewDeadline), ("retry-period", retryPeriod),
        ]
        where value <= .zero {
            throw LeaderElectionConfigurationError("--leader-election-\(flag) must be greater than zero, got \(value)")
        }
        guard leaseDuration > renewDeadline else {
            throw LeaderElectionConfigurationError(
                "--leader-election-lease-duration (\(leaseDuration)) must be greater than --leader-election-renew-deadline (\(renewDeadline)): "
                    + "followers would take over while the leader still believes it leads"
            )
        }
        guard renewDeadline > retryPeriod * Self.jitterFactor else {
            throw LeaderElectionConfigurationError(
                "--leader-election-renew-deadline (\(renewDeadline)) must be greater than 1.2 × --leader-election-retry-period (\(retryPeriod * Self.jitterFactor)): "
                    + "the leader needs more than one jittered retry before its deadline"
            )
        }
        guard !identity.isEmpty else {
            throw LeaderElectionConfigurationError("the leader-election identity must not be empty")
        }
    }

    /// A process identity: `base` (the pod or host name) plus a random suffix, so two processes on
    /// one host never share an identity.
    public static func identity(base: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        let suffix = String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
        return "\(base)_\(suffix)"
    }
}

/// A leader-election setting that cannot work, explained in one line.
public struct LeaderElectionConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
