public import FoundationEssentials

/// Who makes a write and how: recorded in the audit log and honoured by the store.
public struct WriteContext: Sendable {
    /// The authenticated user (from the bearer token or client certificate), else the User-Agent.
    public var identity: String
    /// `dryRun=All`: validate and answer, but store nothing and notify no watcher.
    public var dryRun: Bool
    /// When the request arrived (the audit log's `requestReceived`); nil for the server's own writes.
    public var received: Date?
    /// The request's `?timeout=`: a write the store reaches after it has passed is refused, not applied.
    var deadline: RequestDeadline?

    public init(identity: String, dryRun: Bool = false, received: Date? = nil) {
        self.identity = identity
        self.dryRun = dryRun
        self.received = received
    }

    /// Refuses the write with `504 Timeout` once the request's deadline has passed.
    func checkDeadline() throws(APIError) {
        try deadline?.check()
    }

    /// The identity the built-in garbage collector writes with.
    static let garbageCollector = WriteContext(identity: "system:serviceaccount:kube-system:generic-garbage-collector")
}
