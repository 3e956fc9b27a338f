public import KubeAPI

/// The kinds the embedded API server serves, looked up the ways requests and discovery need them.
public struct ResourceRegistry: Sendable {
    public private(set) var resources: [ServedResource]
    private var byPath: [PathKey: ServedResource] = [:]

    private struct PathKey: Hashable {
        var group: String
        var version: String
        var plural: String
    }

    public init(_ resources: [ServedResource]) {
        self.resources = []
        for resource in resources { add(resource) }
    }

    public mutating func add(_ resource: ServedResource) {
        resources.removeAll { $0.descriptor == resource.descriptor }
        resources.append(resource)
        let d = resource.descriptor
        byPath[PathKey(group: d.group, version: d.version, plural: d.plural)] = resource
    }

    /// Stops serving the kinds that match (a CustomResourceDefinition's, when it is deleted).
    public mutating func removeAll(where shouldRemove: (ServedResource) -> Bool) {
        let kept = resources.filter { !shouldRemove($0) }
        resources = []
        byPath = [:]
        for resource in kept { add(resource) }
    }

    public func resource(group: String, version: String, plural: String) -> ServedResource? {
        byPath[PathKey(group: group, version: version, plural: plural)]
    }

    public func resource(apiVersion: String, kind: String) -> ServedResource? {
        let gv = GroupVersion(apiVersion: apiVersion)
        return resources.first { $0.descriptor.groupVersion == gv && $0.descriptor.kind == kind }
    }

    /// Group versions in registration order (core `v1` first).
    public var groupVersions: [GroupVersion] {
        var seen: [GroupVersion] = []
        for resource in resources where !seen.contains(resource.descriptor.groupVersion) {
            seen.append(resource.descriptor.groupVersion)
        }
        return seen
    }

    public func resources(in groupVersion: GroupVersion) -> [ServedResource] {
        resources.filter { $0.descriptor.groupVersion == groupVersion }
    }
}
