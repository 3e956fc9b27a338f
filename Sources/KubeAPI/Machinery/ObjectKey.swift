/// Identifies one object of a known kind: its namespace (empty for cluster-scoped kinds) and name.
/// Work queues, caches and logs key objects by it; it prints as `namespace/name`.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Parses `namespace/name` or `name` (cluster-scoped).
    public init(_ string: String) {
        if let slash = string.firstIndex(of: "/") {
            self.namespace = String(string[..<slash])
            self.name = String(string[string.index(after: slash)...])
        } else {
            self.namespace = ""
            self.name = string
        }
    }

    public var description: String {
        namespace.isEmpty ? name : "\(namespace)/\(name)"
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
