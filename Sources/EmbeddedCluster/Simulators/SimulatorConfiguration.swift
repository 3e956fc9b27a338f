/// The built-in controllers that make the embedded cluster behave like a cluster with nodes.
public struct SimulatorConfiguration: Sendable {
    /// Creates and deletes Pods to match each ReplicaSet's `spec.replicas` and reports its status.
    public var replicaSetController: Bool
    /// Makes Pods Running and Ready after `podReadyDelay` (Job pods run to completion instead).
    public var kubelet: Bool
    /// Keeps each PodDisruptionBudget's status, which the `eviction` subresource enforces.
    public var disruptionController: Bool
    /// Runs each Job's Pods to completion, retrying failures up to `backoffLimit`.
    public var jobController: Bool
    public var podReadyDelay: Duration
    /// Pods with an image matching this regular expression never become Ready and keep restarting
    /// (a Job's Pods with such an image end `Failed`).
    public var badImagePattern: String?

    public init(
        replicaSetController: Bool = true,
        kubelet: Bool = true,
        disruptionController: Bool = true,
        jobController: Bool = true,
        podReadyDelay: Duration = .seconds(1),
        badImagePattern: String? = nil
    ) {
        self.replicaSetController = replicaSetController
        self.kubelet = kubelet
        self.disruptionController = disruptionController
        self.jobController = jobController
        self.podReadyDelay = podReadyDelay
        self.badImagePattern = badImagePattern
    }

    /// No simulated controllers: objects change only when a client writes them.
    public static let none = SimulatorConfiguration(
        replicaSetController: false,
        kubelet: false,
        disruptionController: false,
        jobController: false
    )
}
