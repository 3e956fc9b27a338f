/// A pod template (`core/v1 PodTemplateSpec`), embedded in ReplicaSets, Deployments and Rollouts.
///
/// Vane models only what it reads or edits (labels, container names and images); the rest of
/// the pod spec stays in ``UnknownFields`` and round-trips untouched.
public struct PodTemplateSpec: Codable, Hashable, Sendable {
    public var metadata: ObjectMeta?
    public var spec: PodSpec?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The part of `core/v1 PodSpec` Vane looks at.
public struct PodSpec: Codable, Hashable, Sendable {
    public var containers: [Container]
    public var initContainers: [Container]?
    public var unknownFields = UnknownFields()

    public init(containers: [Container], initContainers: [Container]? = nil) {
        self.containers = containers
        self.initContainers = initContainers
    }
}

/// The part of `core/v1 Container` Vane looks at: its name and image (for `set image`, the
/// CLI's image list and the kubelet simulator's bad-image rule).
public struct Container: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    public var unknownFields = UnknownFields()

    public init(name: String, image: String? = nil) {
        self.name = name
        self.image = image
    }
}
