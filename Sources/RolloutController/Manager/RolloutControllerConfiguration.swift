public import KubeClient
public import KubeRuntime

/// Everything `vane controller` needs, resolved from flags into one value.
public struct RolloutControllerConfiguration: Sendable {
    public var client: ClientConfiguration
    /// Watch one namespace; nil watches all.
    public var namespace: String?
    public var instanceID: String?
    public var workers: Int
    /// nil runs without leader election (a single replica).
    public var leaderElection: LeaderElectionConfiguration?
    public var syncRetryWarning: Int
    public var drainTimeout: Duration

    public init(
        client: ClientConfiguration,
        namespace: String? = nil,
        instanceID: String? = nil,
        workers: Int = 10,
        leaderElection: LeaderElectionConfiguration?,
        syncRetryWarning: Int = 10,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.client = client
        self.namespace = namespace
        self.instanceID = instanceID
        self.workers = workers
        self.leaderElection = leaderElection
        self.syncRetryWarning = syncRetryWarning
        self.drainTimeout = drainTimeout
    }
}
