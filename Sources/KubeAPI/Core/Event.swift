/// A `core/v1` Event: what the controller tells operators about a rollout (`kubectl describe`
/// and `vane status` show them). The event recorder aggregates repeats through `count`/`series`.
public struct Event: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Event",
        plural: "events",
        shortNames: ["ev"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    public var count: Int32?
    public var firstTimestamp: KubeTime?
    public var lastTimestamp: KubeTime?
    public var eventTime: MicroTime?
    public var source: EventSource?
    public var reportingComponent: String?
    public var reportingInstance: String?
    public var action: String?
    public var series: EventSeries?
    public var related: ObjectReference?
    public var unknownFields = UnknownFields()

    public init(
        metadata: ObjectMeta = ObjectMeta(),
        involvedObject: ObjectReference,
        reason: String? = nil,
        message: String? = nil,
        type: String? = nil,
        count: Int32? = nil,
        firstTimestamp: KubeTime? = nil,
        lastTimestamp: KubeTime? = nil,
        eventTime: MicroTime? = nil,
        source: EventSource? = nil,
        reportingComponent: String? = nil,
        reportingInstance: String? = nil,
        action: String? = nil,
        series: EventSeries? = nil,
        related: ObjectReference? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.eventTime = eventTime
        self.source = source
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
        self.action = action
        self.series = series
        self.related = related
    }
}

/// Which component and host reported an ``Event``.
public struct EventSource: Codable, Hashable, Sendable {
    public var component: String?
    public var host: String?
    public var unknownFields = UnknownFields()

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// Repetitions of an ``Event`` since it was first recorded.
public struct EventSeries: Codable, Hashable, Sendable {
    public var count: Int32?
    public var lastObservedTime: MicroTime?
    public var unknownFields = UnknownFields()

    public init(count: Int32? = nil, lastObservedTime: MicroTime? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}
