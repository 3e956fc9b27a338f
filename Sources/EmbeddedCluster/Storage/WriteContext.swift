/// Who makes a write and how: recorded in the audit log and honoured by the store.
public struct WriteContext: Sendable {
    /// The authenticated user (from the bearer token or client certificate), else the User-Agent.
    public var identity: String
    /// `dryRun=All`: validate and answer, but store nothing and notify no watcher.
    public var dryRun: Bool

    public init(identity: String, dryRun: Bool = false) {
        self.identity = identity
        self.dryRun = dryRun
    }

    /// The identity the built-in garbage collector writes with.
    static let garbageCollector = WriteContext(identity: "system:serviceaccount:kube-system:generic-garbage-collector")
}
