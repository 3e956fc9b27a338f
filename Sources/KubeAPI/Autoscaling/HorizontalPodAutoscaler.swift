/// An `autoscaling/v2` HorizontalPodAutoscaler: it may scale a Rollout through its `scale`
/// subresource, so the controller must respect replica counts it did not choose.
public struct HorizontalPodAutoscaler: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "autoscaling",
        version: "v2",
        kind: "HorizontalPodAutoscaler",
        plural: "horizontalpodautoscalers",
        shortNames: ["hpa"],
        subresources: [.status],
        categories: ["all"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: HorizontalPodAutoscalerSpec
    public var status: HorizontalPodAutoscalerStatus?
    public var unknownFields = UnknownFields()

    public init(
        metadata: ObjectMeta = ObjectMeta(),
        spec: HorizontalPodAutoscalerSpec,
        status: HorizontalPodAutoscalerStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired scaling of a ``HorizontalPodAutoscaler``; metrics and behaviour stay as JSON.
public struct HorizontalPodAutoscalerSpec: Codable, Hashable, Sendable {
    public var scaleTargetRef: CrossVersionObjectReference
    public var minReplicas: Int32?
    public var maxReplicas: Int32
    public var metrics: JSONValue?
    public var behavior: JSONValue?
    public var unknownFields = UnknownFields()

    public init(
        scaleTargetRef: CrossVersionObjectReference,
        minReplicas: Int32? = nil,
        maxReplicas: Int32,
        metrics: JSONValue? = nil,
        behavior: JSONValue? = nil
    ) {
        self.scaleTargetRef = scaleTargetRef
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.metrics = metrics
        self.behavior = behavior
    }
}

/// The object an autoscaler scales, by kind and name in the autoscaler's namespace.
public struct CrossVersionObjectReference: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String
    public var name: String
    public var unknownFields = UnknownFields()

    public init(apiVersion: String? = nil, kind: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
    }
}

/// The observed state of a ``HorizontalPodAutoscaler``.
public struct HorizontalPodAutoscalerStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    public var lastScaleTime: KubeTime?
    public var currentReplicas: Int32?
    public var desiredReplicas: Int32?
    public var currentMetrics: JSONValue?
    public var conditions: JSONValue?
    public var unknownFields = UnknownFields()

    public init(
        observedGeneration: Int64? = nil,
        lastScaleTime: KubeTime? = nil,
        currentReplicas: Int32? = nil,
        desiredReplicas: Int32? = nil,
        currentMetrics: JSONValue? = nil,
        conditions: JSONValue? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.lastScaleTime = lastScaleTime
        self.currentReplicas = currentReplicas
        self.desiredReplicas = desiredReplicas
        self.currentMetrics = currentMetrics
        self.conditions = conditions
    }
}
