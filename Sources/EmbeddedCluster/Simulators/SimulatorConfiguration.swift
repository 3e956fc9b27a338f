/// The built-in controllers that make the embedded cluster behave like a cluster with nodes.
public struct SimulatorConfiguration: Sendable {
    /// Creates and deletes Pods to match each ReplicaSet's `spec.replicas` and reports its status.
    public var replicaSetController: Bool
    /// Makes Pods Running and Ready after `podReadyDelay`.
    public var kubelet: Bool
    public var podReadyDelay: Duration
    /// Pods with an image matching this regular expression never become Ready and keep restarting.
    public var badImagePattern: String?

    public init(
        replicaSetController: Bool = true,
        kubelet: Bool = true,
        podReadyDelay: Duration = .seconds(1),
        badImagePattern: String? = nil
    ) {
        self.replicaSetController = replicaSetController
        self.kubelet = kubelet
        self.podReadyDelay = podReadyDelay
        self.badImagePattern = badImagePattern
    }

    /// No simulated controllers: objects change only when a client writes them.
    public static let none = SimulatorConfiguration(replicaSetController: false, kubelet: false)
}
