public import FoundationEssentials

/// One accepted write, so tests can prove who wrote what and when (for example, that two leaders never
/// wrote inside overlapping lease terms).
public struct AuditEntry: Sendable, Hashable, CustomStringConvertible {
    public var time: Date
    public var identity: String
    /// `create`, `update`, `patch`, `delete`.
    public var verb: String
    /// `replicasets.apps`, or with a subresource `rollouts.argoproj.io/status`.
    public var resource: String
    public var namespace: String?
    public var name: String
    public var resourceVersion: UInt64

    public var description: String {
        "\(identity) \(verb) \(resource) \(namespace.map { "\($0)/" } ?? "")\(name) rv=\(resourceVersion)"
    }
}
