/// Everything needed to address one kind of object over the API: its group/version, kind,
/// plural resource name, scope and subresources.
///
/// Typed objects declare theirs (``KubeObject/resource``); the embedded API server builds its
/// registry and discovery documents from the same values, so adding a kind is one declaration.
public struct ResourceDescriptor: Hashable, Sendable, CustomStringConvertible {
    public enum Subresource: String, Hashable, Sendable, CaseIterable {
        case status
        case scale
    }

    public var groupVersion: GroupVersion
    public var kind: String
    /// Lower-case plural used in URLs, e.g. `replicasets`.
    public var plural: String
    /// Lower-case singular, e.g. `replicaset`.
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var subresources: Set<Subresource>
    public var categories: [String]

    public init(
        group: String,
        version: String,
        kind: String,
        plural: String,
        singular: String? = nil,
        namespaced: Bool = true,
        shortNames: [String] = [],
        subresources: Set<Subresource> = [],
        categories: [String] = []
    ) {
        self.groupVersion = GroupVersion(group: group, version: version)
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.subresources = subresources
        self.categories = categories
    }

    public var group: String { groupVersion.group }
    public var version: String { groupVersion.version }
    public var apiVersion: String { groupVersion.apiVersion }

    /// `replicasets.apps`, the name kubectl and error messages use; core resources have no suffix.
    public var qualifiedName: String {
        group.isEmpty ? plural : "\(plural).\(group)"
    }

    /// The collection path, e.g. `/apis/apps/v1/namespaces/default/replicasets`.
    /// `namespace` is ignored for cluster-scoped resources; `nil` means all namespaces.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace {
            return "\(groupVersion.urlPrefix)/namespaces/\(namespace)/\(plural)"
        }
        return "\(groupVersion.urlPrefix)/\(plural)"
    }

    /// The path of one object, optionally of one of its subresources.
    public func objectPath(namespace: String?, name: String, subresource: Subresource? = nil) -> String {
        let base = "\(collectionPath(namespace: namespaced ? namespace : nil))/\(name)"
        guard let subresource else { return base }
        return "\(base)/\(subresource.rawValue)"
    }

    public var description: String { qualifiedName }
}
