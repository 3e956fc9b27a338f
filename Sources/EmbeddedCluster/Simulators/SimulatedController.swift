import FoundationEssentials

/// One simulated controller (ReplicaSet, Job and disruption controllers, the kubelet): made from what
/// the cluster gives every simulator and run until cancelled. One shape for all of them, so the
/// cluster starts those `SimulatorConfiguration` switches on in one loop.
protocol SimulatedController: Sendable {
    init(environment: SimulatorEnvironment)
    var environment: SimulatorEnvironment { get }
    func run() async throws
}

/// What every simulated controller works with.
struct SimulatorEnvironment: Sendable {
    let store: ClusterStore
    let registry: ResourceRegistry
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    /// The simulators' settings (the kubelet's ready delay and bad-image pattern).
    let settings: SimulatorConfiguration
}

extension SimulatedController {
    var store: ClusterStore { environment.store }
    var registry: ResourceRegistry { environment.registry }
    var clock: any Clock<Duration> { environment.clock }
    var now: @Sendable () -> Date { environment.now }
}

extension SimulatorConfiguration {
    /// The simulated controllers switched on, in start-up order.
    var enabledControllers: [any SimulatedController.Type] {
        let all: [(enabled: Bool, controller: any SimulatedController.Type)] = [
            (replicaSetController, ReplicaSetSimulator.self), (kubelet, KubeletSimulator.self),
            (disruptionController, DisruptionSimulator.self), (jobController, JobSimulator.self),
        ]
        return all.filter(\.enabled).map(\.controller)
    }
}
