import FoundationEssentials
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KubeAPI
import Logging
import NIOCore
import NIOSSL
public import ServiceLifecycle
import Synchronization

/// An in-process Kubernetes API server on loopback, for the demo and for every test.
///
/// It is a swift-service-lifecycle `Service`: `run()` serves until cancelled or shut down gracefully.
/// It behaves like a real API server, not like a partner of Vane, so what works here works on a cluster.
public final class EmbeddedCluster: ServiceLifecycle.Service, Sendable {
    public let configuration: EmbeddedClusterConfiguration
    /// Direct access to the stored objects and the audit log (for simulators and tests).
    public let store: ClusterStore
    /// Faults in force; install more at run time.
    public let faults: FaultInjector
    /// Who may do what (everything, unless a test denies it); install denials at run time.
    public let access = AccessPolicy()
    private let boundPort = ReadySignal<Int>()

    public init(configuration: EmbeddedClusterConfiguration = EmbeddedClusterConfiguration()) {
        self.configuration = configuration
        self.store = ClusterStore(
            registry: configuration.registry,
            historyLimit: configuration.historyLimit,
            now: configuration.now
        )
        self.faults = FaultInjector(clock: configuration.clock)
    }

    public func run() async throws {
        for rule in configuration.faults { await faults.install(rule) }
        let boundPort = self.boundPort
        let host = configuration.host
        let responder = APIServerResponder(
            store: store,
            authenticator: configuration.authenticator,
            faults: faults,
            access: access,
            clock: configuration.clock,
            now: configuration.now,
            bookmarkInterval: configuration.bookmarkInterval,
            maximumBodySize: configuration.maximumBodySize,
            serverAddress: { "\(host):\(boundPort.currentValue ?? 0)" }
        )
        let application = Application(
            responder: responder,
            server: try serverBuilder(),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { channel in boundPort.resolve(channel.localAddress?.port ?? 0) },
            logger: configuration.logger
        )
        let store = self.store
        let faults = self.faults
        let simulators = configuration.simulators
        let environment = SimulatorEnvironment(
            store: store,
            registry: configuration.registry,
            clock: configuration.clock,
            now: configuration.now,
            settings: simulators
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                // Open watches and stalled requests would hold a graceful shutdown open forever:
                // end them first.
                try? await gracefulShutdown()
                await store.dropAllWatches()
                await faults.releaseStalledRequests()
            }
            for controller in simulators.enabledControllers.map({ $0.init(environment: environment) }) {
                group.addTask { try await cancelWhenGracefulShutdown { try await controller.run() } }
            }
            try await application.run()
            group.cancelAll()
        }
    }

    private func serverBuilder() throws -> HTTPServerBuilder {
        guard let tls = configuration.tls else { return .http1() }
        var settings = TLSConfiguration.makeServerConfiguration(
            certificateChain: [
                .certificate(
                    try NIOSSLCertificate(bytes: Array(try tls.serverCertificate.certificatePEM.utf8), format: .pem)
                )
            ],
            privateKey: .privateKey(
                try NIOSSLPrivateKey(bytes: Array(tls.serverCertificate.privateKeyPEM.utf8), format: .pem)
            )
        )
        settings.trustRoots = .certificates([
            try NIOSSLCertificate(bytes: Array(try tls.authority.root.certificatePEM.utf8), format: .pem)
        ])
        // Client certificates are optional: bearer tokens authenticate too, but a presented one must verify.
        settings.certificateVerification = .optionalVerification
        return try .tls(.http1(), tlsConfiguration: settings)
    }

    /// Waits until the server listens, then returns its URL (`https://127.0.0.1:PORT` with TLS).
    public func serverURL() async -> String {
        "\(configuration.tls == nil ? "http" : "https")://\(configuration.host):\(await boundPort.value)"
    }

    /// A kubeconfig (YAML) that kubectl and `vane` can use, authenticating as `user`'s token.
    public func kubeconfig(user: String = "admin") async -> String {
        let server = await serverURL()
        let token = token(for: user)
        let authority = try? configuration.tls?.certificateAuthorityData
        return KubeconfigDocument(server: server, user: user, token: token, certificateAuthorityData: authority).yaml
    }

    /// The bearer token that authenticates as `user` ("" when there is none).
    public func token(for user: String) -> String {
        user == "admin" ? configuration.adminToken : configuration.tokens.first { $0.value == user }?.key ?? ""
    }

    /// Writes `kubeconfig(user:)` to `path` (mode 0600).
    public func writeKubeconfig(to path: String, user: String = "admin") async throws {
        let text = await kubeconfig(user: user)
        try Data(text.utf8).write(to: URL(filePath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
