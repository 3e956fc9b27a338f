/// A `policy/v1` Eviction: the body POSTed to a pod's `eviction` subresource to delete the pod only
/// if the disruption budgets covering it allow it (the API server answers `429` when they do not).
///
/// It is not stored, so it has no resource of its own; it is addressed through its pod.
public struct Eviction: Codable, Hashable, Sendable {
    public static let apiVersion = "policy/v1"
    public static let kind = "Eviction"

    public var apiVersion: String?
    public var kind: String?
    /// The pod's name and namespace.
    public var metadata: ObjectMeta
    /// How the pod is deleted if it may be (preconditions, grace period, propagation).
    public var deleteOptions: DeleteOptions?
    public var unknownFields = UnknownFields()

    public init(metadata: ObjectMeta, deleteOptions: DeleteOptions? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.deleteOptions = deleteOptions
    }

    /// The path to POST it to.
    public static func path(namespace: String, pod: String) -> String {
        Pod.resource.objectPath(namespace: namespace, name: pod) + "/eviction"
    }
}
