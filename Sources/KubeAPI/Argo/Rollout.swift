/// An `argoproj.io/v1alpha1` Rollout: a workload that Vane moves to a new version step by step,
/// with the same fields and meanings as Argo Rollouts so existing manifests and tools keep working.
///
/// Vane models the fields its planner reads and writes; everything else (analysis, traffic routing
/// details, fields of newer Argo versions) stays in ``UnknownFields`` at each level and survives
/// every update untouched.
public struct Rollout: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "Rollout",
        plural: "rollouts",
        shortNames: ["ro"],
        subresources: [.status, .scale],
        categories: ["all"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: RolloutSpec
    public var status: RolloutStatus?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: RolloutSpec = RolloutSpec(), status: RolloutStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a ``Rollout`` (defaults in spec/rollout.md are applied by readers, never
/// written back).
public struct RolloutSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    /// A reference to a Deployment whose template the Rollout uses instead of its own.
    public var workloadRef: JSONValue?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int32?
    public var progressDeadlineAbort: Bool?
    public var restartAt: KubeTime?
    public var strategy: RolloutStrategy?
    public var unknownFields = UnknownFields()

    public init(
        replicas: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec? = nil,
        minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil,
        paused: Bool? = nil,
        progressDeadlineSeconds: Int32? = nil,
        progressDeadlineAbort: Bool? = nil,
        strategy: RolloutStrategy? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
        self.progressDeadlineAbort = progressDeadlineAbort
        self.strategy = strategy
    }
}

/// Exactly one of `canary` and `blueGreen` must be set.
public struct RolloutStrategy: Codable, Hashable, Sendable {
    public var canary: CanaryStrategy?
    public var blueGreen: BlueGreenStrategy?
    public var unknownFields = UnknownFields()

    public init(canary: CanaryStrategy? = nil, blueGreen: BlueGreenStrategy? = nil) {
        self.canary = canary
        self.blueGreen = blueGreen
    }
}

/// The canary strategy: shift replicas (or traffic) to the new version in steps.
public struct CanaryStrategy: Codable, Hashable, Sendable {
    public var stableService: String?
    public var canaryService: String?
    /// Default 25 %; rounds up.
    public var maxSurge: IntOrString?
    /// Default 25 %; rounds down.
    public var maxUnavailable: IntOrString?
    public var steps: [CanaryStep]?
    public var trafficRouting: JSONValue?
    public var analysis: JSONValue?
    public var scaleDownDelaySeconds: Int32?
    public var abortScaleDownDelaySeconds: Int32?
    public var dynamicStableScale: Bool?
    public var minPodsPerReplicaSet: Int32?
    public var stableMetadata: JSONValue?
    public var canaryMetadata: JSONValue?
    public var unknownFields = UnknownFields()

    public init(
        stableService: String? = nil,
        canaryService: String? = nil,
        maxSurge: IntOrString? = nil,
        maxUnavailable: IntOrString? = nil,
        steps: [CanaryStep]? = nil
    ) {
        self.stableService = stableService
        self.canaryService = canaryService
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
        self.steps = steps
    }
}

/// One step of a canary: exactly one of its fields is set.
public struct CanaryStep: Codable, Hashable, Sendable {
    public var setWeight: Int32?
    public var pause: RolloutPause?
    public var setCanaryScale: SetCanaryScale?
    public var analysis: JSONValue?
    public var experiment: JSONValue?
    public var setHeaderRoute: JSONValue?
    public var setMirrorRoute: JSONValue?
    public var plugin: JSONValue?
    public var unknownFields = UnknownFields()

    public init(
        setWeight: Int32? = nil,
        pause: RolloutPause? = nil,
        setCanaryScale: SetCanaryScale? = nil,
        analysis: JSONValue? = nil,
        experiment: JSONValue? = nil,
        setHeaderRoute: JSONValue? = nil,
        setMirrorRoute: JSONValue? = nil,
        plugin: JSONValue? = nil
    ) {
        self.setWeight = setWeight
        self.pause = pause
        self.setCanaryScale = setCanaryScale
        self.analysis = analysis
        self.experiment = experiment
        self.setHeaderRoute = setHeaderRoute
        self.setMirrorRoute = setMirrorRoute
        self.plugin = plugin
    }
}

/// `pause: {}` waits for promotion; `pause: {duration: 30s}` (or `"1h"`, or `60` seconds) waits that long.
public struct RolloutPause: Codable, Hashable, Sendable {
    public var duration: IntOrString?
    public var unknownFields = UnknownFields()

    public init(duration: IntOrString? = nil) {
        self.duration = duration
    }
}

/// Sets the canary's replica count independently of its traffic weight.
public struct SetCanaryScale: Codable, Hashable, Sendable {
    public var weight: Int32?
    public var replicas: Int32?
    public var matchTrafficWeight: Bool?
    public var unknownFields = UnknownFields()

    public init(weight: Int32? = nil, replicas: Int32? = nil, matchTrafficWeight: Bool? = nil) {
        self.weight = weight
        self.replicas = replicas
        self.matchTrafficWeight = matchTrafficWeight
    }
}

/// The blue-green strategy (validated; progressed by a later issue).
public struct BlueGreenStrategy: Codable, Hashable, Sendable {
    public var activeService: String?
    public var previewService: String?
    public var autoPromotionEnabled: Bool?
    public var autoPromotionSeconds: Int32?
    public var unknownFields = UnknownFields()

    public init(activeService: String? = nil, previewService: String? = nil) {
        self.activeService = activeService
        self.previewService = previewService
    }
}
