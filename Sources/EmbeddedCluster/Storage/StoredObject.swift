import KubeAPI

/// One object as the store keeps it: its serialized JSON (served as-is to GET, LIST and WATCH) plus the
/// few fields the store indexes, so reads never re-encode and memory stays close to the JSON size.
struct StoredObject: Sendable {
    var bytes: [UInt8]
    var resourceVersion: UInt64
    var uid: String
    var labels: [String: String]
    var owners: [String]
    var finalizers: [String]
    var isTerminating: Bool

    init(value: JSONValue, resourceVersion: UInt64) {
        self.bytes = JSONSerializer.serialize(value)
        self.resourceVersion = resourceVersion
        self.uid = value.uid ?? ""
        self.labels = value.labels
        self.owners = value.ownerReferences.compactMap { $0["uid"]?.stringValue }
        self.finalizers = value.finalizers
        self.isTerminating = value.isTerminating
    }

    /// Parses the stored bytes back into a tree for a read-modify-write.
    func value() throws(APIError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw APIError.internal("stored object is corrupt: \(error)")
        }
    }
}

/// Where an object lives: namespace (empty for cluster-scoped kinds) and name; lists are sorted by it.
struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
    var namespace: String
    var name: String

    static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }

    var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// One object of one kind, used by the owner index for garbage collection.
struct ObjectRef: Hashable, Sendable {
    var resourceID: String
    var id: ObjectID
}

extension ServedResource {
    /// The store's key for this kind (versions of one group share storage, as in etcd).
    var resourceID: String { "\(descriptor.group)/\(descriptor.plural)" }
}
