/// An `apps/v1` ReplicaSet: the unit a Rollout scales up and down, one per pod-template revision.
///
/// Vane models what the planner reads and the applier writes (replicas, selector, template,
/// status counts); everything else stays in ``UnknownFields`` at each level and is written back
/// untouched.
public struct ReplicaSet: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps",
        version: "v1",
        kind: "ReplicaSet",
        plural: "replicasets",
        shortNames: ["rs"],
        subresources: [.status, .scale],
        categories: ["all"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var status: ReplicaSetStatus?
    public var unknownFields = UnknownFields()

    public init(
        metadata: ObjectMeta = ObjectMeta(),
        spec: ReplicaSetSpec = ReplicaSetSpec(),
        status: ReplicaSetStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a ``ReplicaSet``.
public struct ReplicaSetSpec: Codable, Hashable, Sendable {
    /// Desired pod count; the API server defaults it to 1 when absent.
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var unknownFields = UnknownFields()

    public init(
        replicas: Int32? = nil,
        minReadySeconds: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// The observed state of a ``ReplicaSet``, written by the ReplicaSet controller.
public struct ReplicaSetStatus: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [ReplicaSetCondition]?
    public var unknownFields = UnknownFields()

    public init(
        replicas: Int32? = nil,
        fullyLabeledReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        observedGeneration: Int64? = nil,
        conditions: [ReplicaSetCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}

/// One condition of a ``ReplicaSet`` (e.g. `ReplicaFailure`).
public struct ReplicaSetCondition: Codable, Hashable, Sendable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var lastTransitionTime: KubeTime?
    public var reason: String?
    public var message: String?
    public var unknownFields = UnknownFields()

    public init(
        type: String,
        status: String,
        lastTransitionTime: KubeTime? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
