import FoundationEssentials
import KubeAPI

/// CustomResourceDefinitions served dynamically: a definition written makes the server serve its kinds
/// (and writes its `Established` status), a definition removed stops serving them and deletes their
/// objects. The standard kinds (the Argo Rollouts ones included) stay as they are whatever
/// definitions say about them.
extension ClusterStore {
    /// The identity the server's own apiextensions controllers write with.
    static let apiextensions = WriteContext(identity: "system:apiserver")

    func isDefinition(_ resource: ServedResource) -> Bool {
        resource.descriptor.group == "apiextensions.k8s.io" && resource.descriptor.kind == "CustomResourceDefinition"
    }

    /// Serves what the stored definition `id` describes, and reports it established.
    func definitionChanged(_ definitions: ServedResource, _ id: ObjectID) {
        guard let crd = try? stored(definitions, id)?.value(), !crd.isTerminating else { return }
        let served = CustomResourceDefinitions.served(by: crd)
        let unserved = registry.resources.filter { old in
            old.definedBy == id.name && !served.contains { $0.resourceID == old.resourceID }
        }
        deleteAllObjects(of: unserved)
        registry.removeAll { $0.definedBy == id.name }
        for resource in served {
            let d = resource.descriptor
            if registry.resource(group: d.group, version: d.version, plural: d.plural) == nil { registry.add(resource) }
        }
        let stamp = JSONValue.string(RFC3339.format(now(), fractionalDigits: 0))
        let status = CustomResourceDefinitions.status(of: crd, at: stamp)
        guard crd["status"] != status else { return }
        _ = try? update(definitions, namespace: nil, name: id.name, subresource: .status, context: Self.apiextensions) {
            current in
            var next = current
            next.setValue(status, at: ["status"])
            return next
        }
    }

    /// Stops serving what the removed definition `name` described and deletes its objects.
    func definitionRemoved(_ name: String) {
        let removed = registry.resources.filter { $0.definedBy == name }
        deleteAllObjects(of: removed)
        registry.removeAll { $0.definedBy == name }
    }

    /// Deletes every object of these kinds (collecting their dependents) and ends their watches.
    private func deleteAllObjects(of resources: [ServedResource]) {
        var seen: Set<String> = []
        for resource in resources where seen.insert(resource.resourceID).inserted {
            for id in (objects[resource.resourceID] ?? [:]).keys.sorted() {
                _ = try? delete(resource, namespace: id.namespace, name: id.name, context: .garbageCollector)
            }
            for (watcherID, watcher) in watchers where watcher.resourceID == resource.resourceID {
                stopWatch(watcherID)
            }
        }
    }
}
