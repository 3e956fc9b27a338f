import KubeAPI
public import KubeClient

/// What the analysis controller needs from `vane controller`'s flags.
public struct AnalysisControllerConfiguration: Sendable {
    public var client: ClientConfiguration
    /// Watch one namespace; nil watches all.
    public var namespace: String?
    /// Handle only runs labelled with this instance id (nil: only runs without the label).
    public var instanceID: String?
    public var workers: Int
    public var drainTimeout: Duration

    public init(
        client: ClientConfiguration,
        namespace: String? = nil,
        instanceID: String? = nil,
        workers: Int = 10,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.client = client
        self.namespace = namespace
        self.instanceID = instanceID
        self.workers = workers
        self.drainTimeout = drainTimeout
    }

    /// The label selector of the runs this controller handles (instance-id sharding).
    public var runSelector: String {
        let label = AnalysisRunLabels.controllerInstanceID
        guard let instanceID, !instanceID.isEmpty else { return "!\(label)" }
        return "\(label)=\(instanceID)"
    }
}
