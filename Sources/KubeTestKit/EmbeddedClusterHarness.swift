public import EmbeddedCluster
public import KubeClient
import Logging
import ServiceLifecycle

/// Runs `body` against a fresh embedded cluster on an ephemeral loopback port, then shuts it down
/// gracefully (open watches are ended first), however `body` ends.
public func withEmbeddedCluster<T: Sendable>(
    _ configuration: EmbeddedClusterConfiguration = EmbeddedClusterConfiguration(),
    _ body: (EmbeddedCluster) async throws -> T
) async throws -> T {
    let cluster = EmbeddedCluster(configuration: configuration)
    let services = ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: [.init(service: cluster)],
            gracefulShutdownSignals: [],
            logger: Logger(label: "vane.test-cluster")
        )
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        _ = await cluster.serverURL()
        let result: Result<T, any Error>
        do {
            result = .success(try await body(cluster))
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}

extension EmbeddedCluster {
    /// A raw HTTP client authenticated as the administrator.
    public func rawClient() async -> RawAPIClient {
        RawAPIClient(baseURL: await serverURL(), token: configuration.adminToken)
    }

    /// A `KubeClient` configuration for this cluster, authenticating as `user` (one of the
    /// configuration's token users, or "admin"), trusting its CA when it serves TLS.
    public func clientConfiguration(
        user: String = "admin",
        requestTimeout: Duration = .seconds(10)
    ) async throws -> ClientConfiguration {
        ClientConfiguration(
            server: await serverURL(),
            credentials: .token(token(for: user)),
            certificateAuthorityPEM: try configuration.tls?.authority.root.certificatePEM,
            requestTimeout: requestTimeout
        )
    }
}
