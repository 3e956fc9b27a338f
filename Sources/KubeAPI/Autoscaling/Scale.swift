/// The body of a `scale` subresource (`autoscaling/v1 Scale`): how Vane and HPAs change a
/// ReplicaSet's (or a Rollout's) replica count without touching the rest of the object.
public struct Scale: Codable, Hashable, Sendable {
    public static let apiVersionValue = "autoscaling/v1"
    public static let kindValue = "Scale"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ScaleSpec
    public var status: ScaleStatus?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: ScaleSpec = ScaleSpec(), status: ScaleStatus? = nil) {
        self.apiVersion = Self.apiVersionValue
        self.kind = Self.kindValue
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired replica count of a ``Scale``.
public struct ScaleSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var unknownFields = UnknownFields()

    public init(replicas: Int32? = nil) {
        self.replicas = replicas
    }
}

/// The observed replica count of a ``Scale`` and the pods' selector in string form.
public struct ScaleStatus: Codable, Hashable, Sendable {
    public var replicas: Int32
    /// A label selector string (e.g. `app=web`), parseable with ``Selector/init(parsing:)``.
    public var selector: String?
    public var unknownFields = UnknownFields()

    public init(replicas: Int32, selector: String? = nil) {
        self.replicas = replicas
        self.selector = selector
    }
}
