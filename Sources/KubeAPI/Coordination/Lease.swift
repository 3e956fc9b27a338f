/// A `coordination.k8s.io/v1` Lease: the lock that leader election takes and renews.
///
/// The field set matches client-go's `LeaseLock`, so a Vane replica and a client-go controller
/// can read each other's leases.
public struct Lease: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "coordination.k8s.io",
        version: "v1",
        kind: "Lease",
        plural: "leases"
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LeaseSpec?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: LeaseSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Who holds a ``Lease``, for how long, and since when.
public struct LeaseSpec: Codable, Hashable, Sendable {
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int32?
    public var acquireTime: MicroTime?
    public var renewTime: MicroTime?
    /// How many times the lease changed hands.
    public var leaseTransitions: Int32?
    public var unknownFields = UnknownFields()

    public init(
        holderIdentity: String? = nil,
        leaseDurationSeconds: Int32? = nil,
        acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil,
        leaseTransitions: Int32? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}
