/// The observed state of a ``Rollout``. Field names are API: Argo CD's health check and the
/// incumbent's CLI read them, so each means exactly what spec/rollout.md says.
public struct RolloutStatus: Codable, Hashable, Sendable {
    public var phase: String?
    public var message: String?
    /// `metadata.generation` as a string, written together with the phase computed for it.
    public var observedGeneration: String?
    public var currentPodHash: String?
    public var currentStepHash: String?
    public var currentStepIndex: Int32?
    public var stableRS: String?
    public var replicas: Int32?
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var HPAReplicas: Int32?
    public var selector: String?
    public var collisionCount: Int32?
    public var pauseConditions: [PauseCondition]?
    public var controllerPause: Bool?
    public var abort: Bool?
    public var abortedAt: KubeTime?
    public var promoteFull: Bool?
    public var restartedAt: KubeTime?
    public var canary: CanaryStatus?
    public var blueGreen: JSONValue?
    public var conditions: [RolloutCondition]?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The condition of `type` (a ``RolloutConditionType``), if the status has one.
    public func condition(_ type: String) -> RolloutCondition? {
        conditions?.first { $0.type == type }
    }
}

/// Why and since when a rollout is paused (`CanaryPauseStep`, `BlueGreenPause`, …).
public struct PauseCondition: Codable, Hashable, Sendable {
    public var reason: String
    public var startTime: KubeTime
    public var unknownFields = UnknownFields()

    public init(reason: String, startTime: KubeTime) {
        self.reason = reason
        self.startTime = startTime
    }
}

/// A condition of a ``Rollout`` (`Progressing`, `Available`, `Paused`, `Healthy`, `Completed`,
/// `InvalidSpec`, `ReplicaFailure`).
public struct RolloutCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastUpdateTime: KubeTime?
    public var lastTransitionTime: KubeTime?
    public var unknownFields = UnknownFields()

    public init(
        type: String,
        status: String,
        reason: String? = nil,
        message: String? = nil,
        lastUpdateTime: KubeTime? = nil,
        lastTransitionTime: KubeTime? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
    }
}

/// Canary progress as tools read it.
public struct CanaryStatus: Codable, Hashable, Sendable {
    public var weights: TrafficWeights?
    public var unknownFields = UnknownFields()

    public init(weights: TrafficWeights? = nil) {
        self.weights = weights
    }
}

/// The weights each side of a canary receives, with the pod-template hash and Service behind it.
public struct TrafficWeights: Codable, Hashable, Sendable {
    public var canary: WeightDestination
    public var stable: WeightDestination
    public var unknownFields = UnknownFields()

    public init(canary: WeightDestination, stable: WeightDestination) {
        self.canary = canary
        self.stable = stable
    }
}

public struct WeightDestination: Codable, Hashable, Sendable {
    public var weight: Int32
    public var podTemplateHash: String?
    public var serviceName: String?
    public var unknownFields = UnknownFields()

    public init(weight: Int32, podTemplateHash: String? = nil, serviceName: String? = nil) {
        self.weight = weight
        self.podTemplateHash = podTemplateHash
        self.serviceName = serviceName
    }
}
