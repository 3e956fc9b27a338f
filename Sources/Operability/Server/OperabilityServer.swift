import Hummingbird
import KubeAPI
public import Logging
public import Prometheus
public import ServiceLifecycle

/// The controller's HTTP face for the platform: `/metrics` (Prometheus text), `/healthz` (liveness)
/// and `/readyz` (readiness), on `--metrics-bind-address`. A `Service`: it serves until shut down.
public struct OperabilityServer: ServiceLifecycle.Service {
    public let host: String
    public let port: Int
    private let registry: PrometheusCollectorRegistry
    private let health: HealthRegistry
    private let logger: Logger
    private let boundPort = ReadySignal<Int>()

    public init(host: String, port: Int, registry: PrometheusCollectorRegistry, health: HealthRegistry, logger: Logger)
    {
        self.host = host
        self.port = port
        self.registry = registry
        self.health = health
        self.logger = logger
    }

    /// The port it listens on, once it does (useful with port 0).
    public func listeningPort() async -> Int {
        await boundPort.value
    }

    public func run() async throws {
        let router = Router()
        let registry = self.registry
        let health = self.health
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        router.get("healthz") { _, _ in Self.answer(health.liveness()) }
        router.get("readyz") { _, _ in Self.answer(health.readiness()) }
        let boundPort = self.boundPort
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in boundPort.resolve(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await application.run()
    }

    private static func answer(_ report: HealthReport) -> Response {
        Response(
            status: report.isHealthy ? .ok : .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: report.text))
        )
    }
}
