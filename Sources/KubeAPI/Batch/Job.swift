/// A `batch/v1` Job: pods that run to completion. Argo Rollouts' Job analysis provider and `vane`'s
/// own checks create them and read their conditions.
///
/// Vane models what those readers need; everything else stays in ``UnknownFields`` at each level and
/// is written back untouched.
public struct Job: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "batch",
        version: "v1",
        kind: "Job",
        plural: "jobs",
        subresources: [.status],
        categories: ["all"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var status: JobStatus?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: JobSpec = JobSpec(), status: JobStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The condition of `type` when it is `True` (`Complete` or `Failed`).
    public func condition(_ type: String) -> JobCondition? {
        status?.conditions?.first { $0.type == type && $0.status == "True" }
    }

    /// True once the Job completed or failed for good.
    public var isFinished: Bool { condition("Complete") != nil || condition("Failed") != nil }
}

/// The desired state of a ``Job``.
public struct JobSpec: Codable, Hashable, Sendable {
    /// Pods that must succeed (default 1).
    public var completions: Int32?
    /// Pods running at once (default 1).
    public var parallelism: Int32?
    /// Failed pods retried before the Job fails with `BackoffLimitExceeded` (default 6).
    public var backoffLimit: Int32?
    /// Seconds after the start at which the Job fails with `DeadlineExceeded`.
    public var activeDeadlineSeconds: Int64?
    public var ttlSecondsAfterFinished: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var unknownFields = UnknownFields()

    public init(
        completions: Int32? = nil,
        parallelism: Int32? = nil,
        backoffLimit: Int32? = nil,
        activeDeadlineSeconds: Int64? = nil,
        ttlSecondsAfterFinished: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec? = nil
    ) {
        self.completions = completions
        self.parallelism = parallelism
        self.backoffLimit = backoffLimit
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.selector = selector
        self.template = template
    }
}

/// The observed state of a ``Job``, written by the Job controller.
public struct JobStatus: Codable, Hashable, Sendable {
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    public var startTime: KubeTime?
    public var completionTime: KubeTime?
    public var conditions: [JobCondition]?
    public var unknownFields = UnknownFields()

    public init(
        active: Int32? = nil,
        succeeded: Int32? = nil,
        failed: Int32? = nil,
        startTime: KubeTime? = nil,
        completionTime: KubeTime? = nil,
        conditions: [JobCondition]? = nil
    ) {
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.startTime = startTime
        self.completionTime = completionTime
        self.conditions = conditions
    }
}

/// One condition of a ``Job``: `Complete`, or `Failed` with reason `BackoffLimitExceeded` or
/// `DeadlineExceeded`.
public struct JobCondition: Codable, Hashable, Sendable {
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
