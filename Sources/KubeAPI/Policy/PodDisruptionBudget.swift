/// A `policy/v1` PodDisruptionBudget: how many of a set of pods must stay healthy while pods are
/// evicted (by `kubectl drain`, a node upgrade, or a controller that restarts pods).
///
/// Vane installs one for its own controller Deployment and respects those of the workloads it rolls
/// out; everything it does not model stays in ``UnknownFields``.
public struct PodDisruptionBudget: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "policy",
        version: "v1",
        kind: "PodDisruptionBudget",
        plural: "poddisruptionbudgets",
        shortNames: ["pdb"],
        subresources: [.status]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodDisruptionBudgetSpec
    public var status: PodDisruptionBudgetStatus?
    public var unknownFields = UnknownFields()

    public init(
        metadata: ObjectMeta = ObjectMeta(),
        spec: PodDisruptionBudgetSpec = PodDisruptionBudgetSpec(),
        status: PodDisruptionBudgetStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The budget: at most one of `minAvailable` and `maxUnavailable`, each a count or a percentage.
public struct PodDisruptionBudgetSpec: Codable, Hashable, Sendable {
    public var minAvailable: IntOrString?
    public var maxUnavailable: IntOrString?
    /// The pods the budget covers; an empty selector covers none.
    public var selector: LabelSelector?
    /// `IfHealthyBudget` (the default) or `AlwaysAllow`: when pods that are not Ready may be evicted.
    public var unhealthyPodEvictionPolicy: String?
    public var unknownFields = UnknownFields()

    public init(
        minAvailable: IntOrString? = nil,
        maxUnavailable: IntOrString? = nil,
        selector: LabelSelector? = nil,
        unhealthyPodEvictionPolicy: String? = nil
    ) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
        self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
    }
}

/// What the disruption controller observed, and how many evictions it allows right now.
public struct PodDisruptionBudgetStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    /// Pods whose eviction was granted but whose deletion the controller has not seen yet.
    public var disruptedPods: [String: KubeTime]?
    public var disruptionsAllowed: Int32
    public var currentHealthy: Int32
    public var desiredHealthy: Int32
    public var expectedPods: Int32
    public var conditions: [PodDisruptionBudgetCondition]?
    public var unknownFields = UnknownFields()

    public init(
        observedGeneration: Int64? = nil,
        disruptedPods: [String: KubeTime]? = nil,
        disruptionsAllowed: Int32 = 0,
        currentHealthy: Int32 = 0,
        desiredHealthy: Int32 = 0,
        expectedPods: Int32 = 0,
        conditions: [PodDisruptionBudgetCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.disruptedPods = disruptedPods
        self.disruptionsAllowed = disruptionsAllowed
        self.currentHealthy = currentHealthy
        self.desiredHealthy = desiredHealthy
        self.expectedPods = expectedPods
        self.conditions = conditions
    }
}

/// One condition of a ``PodDisruptionBudget`` (`DisruptionAllowed`), a `metav1.Condition`.
public struct PodDisruptionBudgetCondition: Codable, Hashable, Sendable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: KubeTime?
    /// `SufficientPods`, `InsufficientPods` or `SyncFailed`.
    public var reason: String?
    public var message: String?
    public var unknownFields = UnknownFields()

    public init(
        type: String,
        status: String,
        observedGeneration: Int64? = nil,
        lastTransitionTime: KubeTime? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
