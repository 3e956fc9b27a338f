import DequeModule
public import FoundationEssentials
public import KubeAPI

/// The single source of truth of the embedded API server: every object of every kind, one global
/// `resourceVersion` counter, the bounded event history watches resume from, and the audit log.
///
/// All mutations run inside this actor, so a write and the watch events it causes are atomic and ordered
/// exactly like etcd revisions.
public actor ClusterStore {
    /// The kinds served now: the standard ones plus those of the CustomResourceDefinitions stored.
    var registry: ResourceRegistry
    let historyLimit: Int
    let now: @Sendable () -> Date

    var objects: [String: [ObjectID: StoredObject]] = [:]
    var resourceVersion: UInt64 = 1
    var history = Deque<HistoryEntry>()
    /// The oldest version a watch or continue token may name; older ones get `410 Gone`.
    var oldestResumableVersion: UInt64 = 0
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 0
    /// ownerReference uid → dependents, for garbage collection.
    var dependents: [String: Set<ObjectRef>] = [:]
    /// uid → where the object lives, so the collector can find owners by uid.
    var locations: [String: ObjectRef] = [:]
    public private(set) var auditLog: [AuditEntry] = []

    public init(
        registry: ResourceRegistry = .standard,
        historyLimit: Int = 5_000,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.registry = registry
        self.historyLimit = max(historyLimit, 1)
        self.now = now
        var seeded: [ObjectID: StoredObject] = [:]
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            resourceVersion += 1
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": [
                    "name": .string(name), "uid": .string(UUID().uuidString.lowercased()),
                    "resourceVersion": .string(String(resourceVersion)), "generation": 1,
                    "creationTimestamp": .string(RFC3339.format(now(), fractionalDigits: 0)),
                    "labels": ["kubernetes.io/metadata.name": .string(name)],
                ],
                "spec": ["finalizers": ["kubernetes"]],
                "status": ["phase": "Active"],
            ]
            seeded[ObjectID(namespace: "", name: name)] = StoredObject(value: object, resourceVersion: resourceVersion)
        }
        objects["/namespaces"] = seeded
    }

    /// The latest `resourceVersion` handed out.
    public var currentResourceVersion: UInt64 { resourceVersion }

    /// Number of stored objects of `resource` (all namespaces).
    public func count(_ resource: ServedResource) -> Int { objects[resource.resourceID]?.count ?? 0 }

    // MARK: Reads

    func stored(_ resource: ServedResource, _ id: ObjectID) -> StoredObject? {
        objects[resource.resourceID]?[id]
    }

    func objectID(_ resource: ServedResource, namespace: String?, name: String) -> ObjectID {
        ObjectID(namespace: resource.descriptor.namespaced ? (namespace ?? "") : "", name: name)
    }

    /// The stored JSON of one object.
    public func get(_ resource: ServedResource, namespace: String?, name: String) throws(APIError) -> [UInt8] {
        guard let object = stored(resource, objectID(resource, namespace: namespace, name: name)) else {
            throw APIError.notFound(resource, name: name)
        }
        return object.bytes
    }

    /// The object as a tree (for simulators and tests).
    public func getValue(_ resource: ServedResource, namespace: String?, name: String) throws(APIError) -> JSONValue {
        guard let object = stored(resource, objectID(resource, namespace: namespace, name: name)) else {
            throw APIError.notFound(resource, name: name)
        }
        return try object.value()
    }

    /// Objects of `resource` whose ownerReferences name `ownerUID` (served from the GC index).
    public func objects(_ resource: ServedResource, ownedBy ownerUID: String) -> [JSONValue] {
        (dependents[ownerUID] ?? []).filter { $0.resourceID == resource.resourceID }
            .sorted { $0.id < $1.id }
            .compactMap { try? objects[$0.resourceID]?[$0.id]?.value() }
    }

    // MARK: Writes

    /// Creates an object; the server assigns uid, resourceVersion, generation and creationTimestamp.
    @discardableResult
    public func create(
        _ resource: ServedResource,
        namespace: String?,
        object: JSONValue,
        context: WriteContext
    ) throws(APIError) -> [UInt8] {
        var object = object
        try Admission.checkTypeMeta(object, resource: resource)
        if resource.descriptor.namespaced {
            guard let namespace, !namespace.isEmpty else {
                throw APIError.badRequest("the server could not find the requested resource")
            }
            if let bodyNamespace = object.namespace, !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw APIError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request"
                )
            }
            if resource.descriptor.kind != "Namespace", !namespaceExists(namespace) {
                throw APIError.namespaceNotFound(namespace)
            }
            object.setMetadata("namespace", .string(namespace))
        } else {
            object.setMetadata("namespace", nil)
        }
        if object.name?.isEmpty ?? true {
            guard let prefix = object.metadataString("generateName"), !prefix.isEmpty else {
                throw APIError.invalid(resource, name: "", causes: [APIError.required(field: "metadata.name")])
            }
            object.setMetadata("name", .string(prefix + Self.randomSuffix()))
        }
        let name = object.name ?? ""
        try Admission.validateName(name, resource: resource)
        try Admission.validateMetadata(object, resource: resource, name: name)
        if isDefinition(resource) { try CustomResourceDefinitions.validate(object, resource: resource) }
        let id = objectID(resource, namespace: namespace, name: name)
        if stored(resource, id) != nil { throw APIError.alreadyExists(resource, name: name) }

        object.setMetadata("uid", .string(UUID().uuidString.lowercased()))
        object.setMetadata("creationTimestamp", .string(RFC3339.format(now(), fractionalDigits: 0)))
        object.setMetadata("generation", 1)
        object.setMetadata("deletionTimestamp", nil)
        object.setMetadata("resourceVersion", nil)
        if resource.hasStatus { object.setValue(nil, at: ["status"]) }
        Admission.applyDefaults(&object, resource: resource)
        let stored = StoredObject(value: stamped(object, resourceVersion + 1), resourceVersion: resourceVersion + 1)
        try Admission.checkSize(stored.bytes.count, resource: resource, name: name)
        try context.checkDeadline()
        if context.dryRun { return stored.bytes }

        resourceVersion += 1
        put(resource, id, stored)
        record(.added, resource: resource, id: id, object: stored, previousLabels: nil)
        audit(context, verb: "create", resource: resource, subresource: nil, id: id)
        if isDefinition(resource) { definitionChanged(resource, id) }
        return stored.bytes
    }

    /// A read-modify-write of one object, atomic inside the store. `mutate` receives the current object
    /// and returns the proposed one; the store then enforces the API server's rules: a stale
    /// `metadata.resourceVersion` is a conflict, immutable metadata stays, `status` changes only through
    /// the status subresource (and only it), `generation` moves on spec changes only, and an update that
    /// changes nothing is not a write at all.
    @discardableResult
    public func update(
        _ resource: ServedResource,
        namespace: String?,
        name: String,
        subresource: ResourceDescriptor.Subresource? = nil,
        verb: String = "update",
        context: WriteContext,
        mutate: @Sendable (JSONValue) throws(APIError) -> JSONValue
    ) throws(APIError) -> [UInt8] {
        let id = objectID(resource, namespace: namespace, name: name)
        guard let current = stored(resource, id) else { throw APIError.notFound(resource, name: name) }
        let currentValue = try current.value()
        let proposed = try mutate(currentValue)
        guard proposed.objectValue != nil else { throw APIError.badRequest("the request body must be a JSON object") }

        if let version = proposed.metadataString("resourceVersion"), !version.isEmpty,
            version != String(current.resourceVersion)
        {
            throw APIError.staleResourceVersion(resource, name: name)
        }
        if let proposedName = proposed.name, proposedName != name {
            throw APIError.badRequest(
                "the name of the object (\(proposedName)) does not match the name on the URL (\(name))"
            )
        }
        try Admission.checkTypeMeta(proposed, resource: resource)

        var next: JSONValue
        switch subresource {
        case .status:
            next = currentValue
            next.setValue(proposed["status"], at: ["status"])
        case .scale, nil:
            next = proposed
            for key in [
                "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "generation",
                "deletionGracePeriodSeconds",
            ] {
                next.setMetadata(key, currentValue[path: "metadata", key])
            }
            if resource.hasStatus { next.setValue(currentValue["status"], at: ["status"]) }
            Admission.applyDefaults(&next, resource: resource)
        }
        next.setMetadata("resourceVersion", .string(String(current.resourceVersion)))
        if next.specContent != currentValue.specContent {
            let generation = currentValue[path: "metadata", "generation"]?.intValue ?? 1
            next.setMetadata("generation", .number(JSONNumber(generation + 1)))
        }
        try Admission.validateMetadata(next, resource: resource, name: name)
        if isDefinition(resource), subresource == nil {
            try CustomResourceDefinitions.validate(next, resource: resource)
        }
        if current.isTerminating, next.finalizers.count > current.finalizers.count {
            let added = Set(next.finalizers).subtracting(current.finalizers).sorted()
            throw APIError.invalid(
                resource,
                name: name,
                causes: [
                    StatusCause(
                        reason: "FieldValueForbidden",
                        message:
                            "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers \(added)",
                        field: "metadata.finalizers"
                    )
                ]
            )
        }
        if next == currentValue { return current.bytes }
        let updated = StoredObject(value: stamped(next, resourceVersion + 1), resourceVersion: resourceVersion + 1)
        try Admission.checkSize(updated.bytes.count, resource: resource, name: name)
        try context.checkDeadline()
        if context.dryRun { return updated.bytes }

        resourceVersion += 1
        put(resource, id, updated)
        record(.modified, resource: resource, id: id, object: updated, previousLabels: current.labels)
        audit(context, verb: verb, resource: resource, subresource: subresource, id: id)
        if updated.isTerminating { finishTerminatingObjects() }
        if isDefinition(resource) { definitionChanged(resource, id) }
        return updated.bytes
    }

    // MARK: Internals shared by the write paths

    func stamped(_ object: JSONValue, _ version: UInt64) -> JSONValue {
        var object = object
        object.setMetadata("resourceVersion", .string(String(version)))
        return object
    }

    func namespaceExists(_ namespace: String) -> Bool {
        objects["/namespaces"]?[ObjectID(namespace: "", name: namespace)] != nil
    }

    func put(_ resource: ServedResource, _ id: ObjectID, _ object: StoredObject) {
        let ref = ObjectRef(resourceID: resource.resourceID, id: id)
        if let previous = objects[resource.resourceID]?[id] {
            for owner in previous.owners { dependents[owner]?.remove(ref) }
        }
        objects[resource.resourceID, default: [:]][id] = object
        for owner in object.owners { dependents[owner, default: []].insert(ref) }
        locations[object.uid] = ref
    }

    func remove(_ resource: ServedResource, _ id: ObjectID) -> StoredObject? {
        guard let previous = objects[resource.resourceID]?.removeValue(forKey: id) else { return nil }
        let ref = ObjectRef(resourceID: resource.resourceID, id: id)
        for owner in previous.owners { dependents[owner]?.remove(ref) }
        locations[previous.uid] = nil
        return previous
    }

    func audit(
        _ context: WriteContext,
        verb: String,
        resource: ServedResource,
        subresource: ResourceDescriptor.Subresource?,
        id: ObjectID
    ) {
        let name = resource.descriptor.qualifiedName + (subresource.map { "/\($0.rawValue)" } ?? "")
        auditLog.append(
            AuditEntry(
                time: now(),
                received: context.received,
                identity: context.identity,
                verb: verb,
                resource: name,
                namespace: id.namespace.isEmpty ? nil : id.namespace,
                name: id.name,
                resourceVersion: resourceVersion
            )
        )
    }

    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
