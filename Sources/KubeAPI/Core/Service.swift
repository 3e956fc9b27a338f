/// A `core/v1` Service: blue-green and canary rollouts point the active, preview, stable and
/// canary Services at a ReplicaSet by rewriting `spec.selector`.
///
/// Only what Vane reads or edits is typed; the rest of the spec and the whole status round-trip
/// untouched.
public struct Service: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Service",
        plural: "services",
        shortNames: ["svc"],
        subresources: [.status],
        categories: ["all"]
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec
    /// Load-balancer ingress and conditions; Vane never reads them.
    public var status: JSONValue?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta = ObjectMeta(), spec: ServiceSpec = ServiceSpec(), status: JSONValue? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a ``Service``.
public struct ServiceSpec: Codable, Hashable, Sendable {
    /// Pods with these labels receive the traffic; Rollouts add `rollouts-pod-template-hash`.
    public var selector: [String: String]?
    public var ports: [ServicePort]?
    /// `ClusterIP` (the default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    public var clusterIP: String?
    public var clusterIPs: [String]?
    public var unknownFields = UnknownFields()

    public init(
        selector: [String: String]? = nil,
        ports: [ServicePort]? = nil,
        type: String? = nil,
        clusterIP: String? = nil,
        clusterIPs: [String]? = nil
    ) {
        self.selector = selector
        self.ports = ports
        self.type = type
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
    }
}

/// One port a ``Service`` exposes.
public struct ServicePort: Codable, Hashable, Sendable {
    public var name: String?
    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var port: Int32
    /// A port number or the name of a container port; defaults to `port`.
    public var targetPort: IntOrString?
    public var nodePort: Int32?
    public var unknownFields = UnknownFields()

    public init(
        name: String? = nil,
        protocol: String? = nil,
        port: Int32,
        targetPort: IntOrString? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}
