/// Metadata every persisted object carries (`metav1.ObjectMeta`).
///
/// `managedFields` and anything newer stay in ``unknownFields`` and are written back untouched.
public struct ObjectMeta: Codable, Hashable, Sendable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: KubeTime?
    public var deletionTimestamp: KubeTime?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    public var unknownFields = UnknownFields()

    public init(
        name: String? = nil,
        namespace: String? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
    }

    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }

    public func label(_ key: String) -> String? { labels?[key] }
    public func annotation(_ key: String) -> String? { annotations?[key] }

    /// Sets or (with `nil`) removes a label, keeping `labels` nil when it becomes empty.
    public mutating func setLabel(_ key: String, _ value: String?) {
        var copy = labels ?? [:]
        copy[key] = value
        labels = copy.isEmpty ? nil : copy
    }

    /// Sets or (with `nil`) removes an annotation, keeping `annotations` nil when it becomes empty.
    public mutating func setAnnotation(_ key: String, _ value: String?) {
        var copy = annotations ?? [:]
        copy[key] = value
        annotations = copy.isEmpty ? nil : copy
    }
}

/// A link from an object to its owner (`metav1.OwnerReference`); the controller one decides
/// which controller manages the object and drives garbage collection.
public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?
    public var unknownFields = UnknownFields()

    public init(
        apiVersion: String,
        kind: String,
        name: String,
        uid: String,
        controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// Metadata of a list response (`metav1.ListMeta`).
public struct ListMeta: Codable, Hashable, Sendable {
    public var resourceVersion: String?
    /// The `continue` token for the next page; empty or nil on the last page.
    public var continueToken: String?
    public var remainingItemCount: Int64?
    public var unknownFields = UnknownFields()

    public init(resourceVersion: String? = nil, continueToken: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }

    enum CodingKeys: String, CodingKey {
        case resourceVersion
        case continueToken = "continue"
        case remainingItemCount
        case unknownFields
    }
}
