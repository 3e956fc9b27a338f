public import FoundationEssentials
public import Logging

/// Everything that can be set when an embedded cluster starts.
public struct EmbeddedClusterConfiguration: Sendable {
    /// Loopback by default: the embedded cluster is for one machine.
    public var host: String
    /// 0 picks a free port; read the bound one from `EmbeddedCluster.serverURL()`.
    public var port: Int
    /// Watch events kept for resuming; a watch from an older version gets `410 Gone`.
    public var historyLimit: Int
    /// How often watches that asked for bookmarks get one.
    public var bookmarkInterval: Duration
    /// Request bodies above this are refused with 413 (the real server's limit is 3 MiB).
    public var maximumBodySize: Int
    /// The administrator's bearer token, written into the emitted kubeconfig.
    public var adminToken: String
    /// Further bearer tokens and the user each authenticates as (e.g. one per controller replica).
    public var tokens: [String: String]
    /// Accept requests without a token (identified by User-Agent).
    public var allowsAnonymous: Bool
    /// Faults in force from the start.
    public var faults: [FaultRule]
    /// Serve HTTPS with this authority and certificate; nil serves plain HTTP.
    public var tls: EmbeddedClusterTLS?
    /// Built-in controllers (ReplicaSet controller, kubelet); off unless asked for.
    public var simulators: SimulatorConfiguration
    /// Drives bookmarks, watch timeouts, fault latencies and fault durations.
    public var clock: any Clock<Duration>
    /// Wall-clock time written into objects (`creationTimestamp`, `deletionTimestamp`).
    public var now: @Sendable () -> Date
    public var registry: ResourceRegistry
    public var logger: Logger

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        historyLimit: Int = 5_000,
        bookmarkInterval: Duration = .seconds(30),
        maximumBodySize: Int = 3 * 1024 * 1024,
        adminToken: String = EmbeddedClusterConfiguration.randomToken(),
        tokens: [String: String] = [:],
        allowsAnonymous: Bool = false,
        faults: [FaultRule] = [],
        tls: EmbeddedClusterTLS? = nil,
        simulators: SimulatorConfiguration = .none,
        clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() },
        registry: ResourceRegistry = .standard,
        logger: Logger = EmbeddedClusterConfiguration.quietLogger()
    ) {
        self.host = host
        self.port = port
        self.historyLimit = historyLimit
        self.bookmarkInterval = bookmarkInterval
        self.maximumBodySize = maximumBodySize
        self.adminToken = adminToken
        self.tokens = tokens
        self.allowsAnonymous = allowsAnonymous
        self.faults = faults
        self.tls = tls
        self.simulators = simulators
        self.clock = clock
        self.now = now
        self.registry = registry
        self.logger = logger
    }

    /// Warnings and errors only: the server's start-up chatter is not for the user.
    public static func quietLogger() -> Logger {
        var logger = Logger(label: "vane.cluster")
        logger.logLevel = .warning
        return logger
    }

    /// A fresh random bearer token.
    public static func randomToken() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    var authenticator: TokenAuthenticator {
        var all = tokens
        all[adminToken] = "admin"
        return TokenAuthenticator(tokens: all, allowsAnonymous: allowsAnonymous)
    }
}
