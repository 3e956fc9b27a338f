public import KubeAPI

extension ClusterStore {
    static let foregroundFinalizer = "foregroundDeletion"

    /// Deletes an object. Finalizers (and foreground propagation) keep it, marked with a
    /// `deletionTimestamp`, until they are removed; dependents are collected per the propagation policy,
    /// before this call returns, so tests can observe the result without waiting.
    @discardableResult
    public func delete(
        _ resource: ServedResource,
        namespace: String?,
        name: String,
        options: DeletionOptions = DeletionOptions(),
        context: WriteContext
    ) throws(APIError) -> [UInt8] {
        let id = objectID(resource, namespace: namespace, name: name)
        guard let current = stored(resource, id) else { throw APIError.notFound(resource, name: name) }
        if let uid = options.preconditionUID, uid != current.uid {
            throw APIError.conflict(
                resource,
                name: name,
                reason: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.uid)"
            )
        }
        if let version = options.preconditionResourceVersion, version != String(current.resourceVersion) {
            throw APIError.conflict(
                resource,
                name: name,
                reason:
                    "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(current.resourceVersion)"
            )
        }
        try context.checkDeadline()
        if context.dryRun { return current.bytes }
        if current.isTerminating { return current.bytes }

        if options.propagation == .orphan { orphanDependents(of: current.uid) }
        let keepForDependents = options.propagation == .foreground && !(dependents[current.uid]?.isEmpty ?? true)
        if current.finalizers.isEmpty && !keepForDependents {
            guard let removed = remove(resource, id) else { return current.bytes }
            resourceVersion += 1
            var gone = removed
            gone.resourceVersion = resourceVersion
            if var value = try? removed.value() {
                value.setMetadata("resourceVersion", .string(String(resourceVersion)))
                gone = StoredObject(value: value, resourceVersion: resourceVersion)
            }
            record(.deleted, resource: resource, id: id, object: gone, previousLabels: nil)
            audit(context, verb: "delete", resource: resource, subresource: nil, id: id)
            collectDependents(
                of: removed.uid,
                propagation: options.propagation == .orphan ? .background : options.propagation
            )
            if resource.descriptor.kind == "Namespace" { deleteNamespaceContents(name) }
            if isDefinition(resource) { definitionRemoved(name) }
            finishTerminatingObjects()
            return gone.bytes
        }

        var value = try current.value()
        value.setMetadata("deletionTimestamp", .string(RFC3339.format(now(), fractionalDigits: 0)))
        value.setMetadata("deletionGracePeriodSeconds", 0)
        if keepForDependents, !value.finalizers.contains(Self.foregroundFinalizer) {
            value.setMetadata("finalizers", .array((value.finalizers + [Self.foregroundFinalizer]).map { .string($0) }))
        }
        resourceVersion += 1
        let marked = StoredObject(value: stamped(value, resourceVersion), resourceVersion: resourceVersion)
        put(resource, id, marked)
        record(.modified, resource: resource, id: id, object: marked, previousLabels: current.labels)
        audit(context, verb: "delete", resource: resource, subresource: nil, id: id)
        if keepForDependents { collectDependents(of: current.uid, propagation: .background) }
        finishTerminatingObjects()
        return marked.bytes
    }

    /// Deletes every object of `resource` matching the selectors (deletecollection).
    public func deleteCollection(
        _ resource: ServedResource,
        namespace: String?,
        labelSelector: Selector,
        fieldSelector: FieldSelector,
        options: DeletionOptions,
        context: WriteContext
    ) throws(APIError) -> [[UInt8]] {
        try context.checkDeadline()
        let page = try list(resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
        var deleted: [[UInt8]] = []
        for bytes in page.items {
            guard let value = try? JSONParser.parse(bytes), let name = value.name else { continue }
            if let result = try? delete(
                resource,
                namespace: value.namespace,
                name: name,
                options: options,
                context: context
            ) {
                deleted.append(result)
            }
        }
        return deleted
    }

    func resource(for ref: ObjectRef) -> ServedResource? {
        registry.resources.first { $0.resourceID == ref.resourceID }
    }

    /// The garbage collector: deletes every dependent of `uid` (an owner that is gone or going).
    func collectDependents(of uid: String, propagation: DeletionOptions.Propagation) {
        for ref in dependents[uid] ?? [] {
            guard let resource = resource(for: ref) else { continue }
            _ = try? delete(
                resource,
                namespace: ref.id.namespace,
                name: ref.id.name,
                options: DeletionOptions(propagation: propagation),
                context: .garbageCollector
            )
        }
    }

    /// Removes ownerReferences to `uid` from its dependents (propagationPolicy=Orphan).
    func orphanDependents(of uid: String) {
        for ref in dependents[uid] ?? [] {
            guard let resource = resource(for: ref) else { continue }
            _ = try? update(
                resource,
                namespace: ref.id.namespace,
                name: ref.id.name,
                verb: "patch",
                context: .garbageCollector
            ) { current in
                var next = current
                let kept = current.ownerReferences.filter { $0["uid"]?.stringValue != uid }
                next.setMetadata("ownerReferences", kept.isEmpty ? nil : .array(kept))
                return next
            }
        }
    }

    /// Finishes deletions that were waiting: objects whose finalizers are all gone, and foreground owners
    /// whose dependents are gone.
    func finishTerminatingObjects() {
        var progressed = true
        while progressed {
            progressed = false
            for (resourceID, byID) in objects {
                for (id, object) in byID where object.isTerminating {
                    let waitingOnDependents = !(dependents[object.uid]?.isEmpty ?? true)
                    let remaining = object.finalizers.filter { $0 != Self.foregroundFinalizer || waitingOnDependents }
                    guard remaining.isEmpty,
                        let resource = registry.resources.first(where: { $0.resourceID == resourceID })
                    else { continue }
                    guard let removed = remove(resource, id) else { continue }
                    resourceVersion += 1
                    var value = (try? removed.value()) ?? [:]
                    value.setMetadata("resourceVersion", .string(String(resourceVersion)))
                    value.setMetadata("finalizers", nil)
                    let gone = StoredObject(value: value, resourceVersion: resourceVersion)
                    record(.deleted, resource: resource, id: id, object: gone, previousLabels: nil)
                    audit(.garbageCollector, verb: "delete", resource: resource, subresource: nil, id: id)
                    collectDependents(of: removed.uid, propagation: .background)
                    if isDefinition(resource) { definitionRemoved(id.name) }
                    progressed = true
                }
            }
        }
    }

    /// A deleted namespace takes everything in it along.
    func deleteNamespaceContents(_ namespace: String) {
        for resource in registry.resources where resource.descriptor.namespaced {
            for id in (objects[resource.resourceID] ?? [:]).keys where id.namespace == namespace {
                _ = try? delete(resource, namespace: namespace, name: id.name, context: .garbageCollector)
            }
        }
    }
}
