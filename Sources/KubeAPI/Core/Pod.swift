/// A `core/v1` Pod: the embedded cluster's simulated kubelet writes its status, and the CLI and
/// `doctor` read readiness and restarts from it.
public struct Pod: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Pod",
        plural: "pods",
        shortNames: ["po"],
        subresources: [.status],
        categories: ["all"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: PodStatus?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// True when the `Ready` condition is `True`.
    public var isReady: Bool {
        status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } ?? false
    }
}

/// The observed state of a ``Pod``.
public struct PodStatus: Codable, Hashable, Sendable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    public var conditions: [PodCondition]?
    public var containerStatuses: [ContainerStatus]?
    public var podIP: String?
    public var startTime: KubeTime?
    public var unknownFields = UnknownFields()

    public init(
        phase: String? = nil,
        conditions: [PodCondition]? = nil,
        containerStatuses: [ContainerStatus]? = nil,
        podIP: String? = nil,
        startTime: KubeTime? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.containerStatuses = containerStatuses
        self.podIP = podIP
        self.startTime = startTime
    }
}

/// One condition of a ``Pod`` (`PodScheduled`, `Initialized`, `ContainersReady`, `Ready`).
public struct PodCondition: Codable, Hashable, Sendable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var lastProbeTime: KubeTime?
    public var lastTransitionTime: KubeTime?
    public var reason: String?
    public var message: String?
    public var unknownFields = UnknownFields()

    public init(
        type: String,
        status: String,
        lastProbeTime: KubeTime? = nil,
        lastTransitionTime: KubeTime? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// The state of one container of a ``Pod``. `state` and `lastState` stay as JSON: Vane only shows them.
public struct ContainerStatus: Codable, Hashable, Sendable {
    public var name: String
    public var ready: Bool
    public var restartCount: Int32
    public var image: String
    public var imageID: String?
    public var started: Bool?
    /// `{"running": {...}}`, `{"waiting": {"reason": ...}}` or `{"terminated": {...}}`.
    public var state: JSONValue?
    public var lastState: JSONValue?
    public var unknownFields = UnknownFields()

    public init(
        name: String,
        ready: Bool,
        restartCount: Int32 = 0,
        image: String,
        imageID: String? = nil,
        started: Bool? = nil,
        state: JSONValue? = nil,
        lastState: JSONValue? = nil
    ) {
        self.name = name
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.started = started
        self.state = state
        self.lastState = lastState
    }
}
