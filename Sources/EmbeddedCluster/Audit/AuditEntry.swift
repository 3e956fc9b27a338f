public import FoundationEssentials

/// One accepted write, so tests can prove who wrote what and when (for example, that two leaders never
/// wrote inside overlapping lease terms).
///
/// Entries are in the order writes were applied (their `resourceVersion` order), and `time` is when the
/// write was applied, not when its request arrived: a request held by a slow server is recorded when it
/// took effect.
public struct AuditEntry: Sendable, Hashable, CustomStringConvertible {
    /// When the write was applied.
    public var time: Date
    /// When its request arrived (nil for the server's own writes: garbage collection, simulators).
    public var received: Date?
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
