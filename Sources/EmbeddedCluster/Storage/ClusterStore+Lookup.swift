import KubeAPI

/// Reads the simulated controllers need beyond get and list: every object of a kind in a namespace,
/// and an object found by its uid (an owner named by an ownerReference).
extension ClusterStore {
    /// Every object of `resource` in `namespace` (all namespaces when nil), as trees.
    func values(_ resource: ServedResource, namespace: String?) -> [JSONValue] {
        (objects[resource.resourceID] ?? [:])
            .filter { namespace == nil || $0.key.namespace == namespace }
            .sorted { $0.key < $1.key }
            .compactMap { try? $0.value.value() }
    }

    /// The object with `uid`, if it exists.
    func value(uid: String) -> JSONValue? {
        guard let ref = locations[uid] else { return nil }
        return try? objects[ref.resourceID]?[ref.id]?.value()
    }
}
