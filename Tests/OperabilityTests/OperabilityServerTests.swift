import KubeTestKit
import Logging
import Operability
import Prometheus
import Synchronization
import Testing

@Suite("Operability server: /metrics, /healthz, /readyz", .timeLimit(.minutes(2)))
struct OperabilityServerTests {
    func withServer(
        _ registry: PrometheusCollectorRegistry,
        _ health: HealthRegistry,
        _ body: (RawAPIClient) async throws -> Void
    ) async throws {
        let server = OperabilityServer(
            host: "127.0.0.1",
            port: 0,
            registry: registry,
            health: health,
            logger: Logger(label: "test")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let client = RawAPIClient(baseURL: "http://127.0.0.1:\(await server.listeningPort())", token: nil)
            try await body(client)
            group.cancelAll()
        }
    }

    @Test("metrics are served in Prometheus text format")
    func metrics() async throws {
        let registry = PrometheusCollectorRegistry()
        let errors = MetricNameDescriptor(
            metricName: "vane_reconcile_errors",
            unitName: "total",
            helpText: "Reconcile errors."
        )
        registry.makeCounter(descriptor: errors, labels: [("reason", "tls")]).increment(by: Int64(3))
        try await withServer(registry, HealthRegistry()) { client in
            let reply = try await client.get("/metrics")
            #expect(reply.status == 200)
            #expect(reply.text.contains(#"vane_reconcile_errors_total{reason="tls"} 3"#))
        }
    }

    @Test("healthz fails only when a liveness check fails; readyz fails until the caches sync, naming the check")
    func health() async throws {
        let wedged = ManagedFlag()
        let synced = ManagedFlag()
        let health = HealthRegistry()
        health.addLivenessCheck("leader-election loop") { wedged.value ? "no election round for 31.0 seconds" : nil }
        health.addReadinessCheck("informer rollouts") { synced.value ? nil : "not synced" }
        try await withServer(PrometheusCollectorRegistry(), health) { client in
            #expect(try await client.get("/healthz").status == 200)
            let notReady = try await client.get("/readyz")
            #expect(notReady.status == 503)
            #expect(notReady.text.contains("[-]informer rollouts failed: not synced"))
            synced.value = true
            #expect(try await client.get("/readyz").status == 200)

            #expect(try await client.get("/healthz").status == 200)
            wedged.value = true
            let failing = try await client.get("/healthz")
            #expect(failing.status == 503)
            #expect(failing.text.contains("[-]leader-election loop failed: no election round for 31.0 seconds"))
            #expect(failing.text.hasSuffix("healthz check failed\n"))
        }
    }
}

/// A boolean the test flips while the server reads it.
final class ManagedFlag: Sendable {
    private let storage = Mutex(false)
    var value: Bool {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
