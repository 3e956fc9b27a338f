/// The body of a DELETE (`metav1.DeleteOptions`): how dependents are collected, and preconditions
/// that make a delete conditional on the object not having changed.
public struct DeleteOptions: Codable, Hashable, Sendable {
    /// What happens to dependents (objects whose ownerReferences point at the deleted one).
    public enum PropagationPolicy: String, Codable, Hashable, Sendable {
        case background = "Background"
        case foreground = "Foreground"
        case orphan = "Orphan"
    }

    public var apiVersion: String?
    public var kind: String?
    public var gracePeriodSeconds: Int64?
    public var preconditions: Preconditions?
    public var propagationPolicy: PropagationPolicy?
    /// `["All"]` for a dry run.
    public var dryRun: [String]?
    public var unknownFields = UnknownFields()

    public init(
        gracePeriodSeconds: Int64? = nil,
        preconditions: Preconditions? = nil,
        propagationPolicy: PropagationPolicy? = nil,
        dryRun: [String]? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "DeleteOptions"
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }

    /// Conditions the object must still meet for the delete to happen.
    public struct Preconditions: Codable, Hashable, Sendable {
        public var uid: String?
        public var resourceVersion: String?
        public var unknownFields = UnknownFields()

        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }
}
