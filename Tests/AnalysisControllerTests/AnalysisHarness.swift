import AnalysisController
import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Logging
import ServiceLifecycle

/// An embedded cluster (serving batch/v1 Jobs too), an HTTP server for web metrics, and an
/// analysis controller that can be started and stopped (as a restarted process would be).
struct AnalysisHarness: Sendable {
    let cluster: EmbeddedCluster
    let client: KubeClient
    let server: ScriptedHTTPServer

    static var clusterConfiguration: EmbeddedClusterConfiguration {
        var registry = ResourceRegistry.standard
        registry.add(ServedResource(MetricJob.resource))
        return EmbeddedClusterConfiguration(registry: registry)
    }

    static func with<T: Sendable>(_ body: (AnalysisHarness) async throws -> T) async throws -> T {
        try await withEmbeddedCluster(clusterConfiguration) { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                try await ScriptedHTTPServer.with { server in
                    try await body(AnalysisHarness(cluster: cluster, client: client, server: server))
                }
            }
        }
    }

    /// Runs an analysis controller for the duration of `body`, then shuts it down gracefully.
    func withController<T: Sendable>(
        leadership: LeadershipGuard? = nil,
        _ body: (AnalysisControllerManager) async throws -> T
    ) async throws -> T {
        var logger =
            ProcessInfo.processInfo.environment["VANE_DEBUG"] != nil
            ? Logger(label: "analysis", factory: { StreamLogHandler.standardError(label: $0) })
            : Logger(label: "vane.test", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .debug
        let manager = try AnalysisControllerManager(
            configuration: AnalysisControllerConfiguration(
                client: try await cluster.clientConfiguration(requestTimeout: .seconds(5)),
                namespace: "default",
                workers: 4
            ),
            leadership: leadership,
            logger: logger
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: manager)],
                gracefulShutdownSignals: [],
                logger: logger
            )
        )
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let result = try await body(manager)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// A run of `metrics` in `default`.
    static func run(_ name: String, _ metrics: [Metric], args: [AnalysisArgument]? = nil) -> AnalysisRun {
        AnalysisRun(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: AnalysisRunSpec(metrics: metrics, args: args)
        )
    }

    /// A web metric against the test server's `path`.
    func webMetric(
        _ name: String,
        path: String,
        interval: String? = nil,
        count: Int? = nil,
        success: String? = nil,
        failure: String? = nil,
        failureLimit: Int? = nil
    ) async -> Metric {
        Metric(
            name: name,
            interval: interval,
            count: count.map(IntOrString.int),
            successCondition: success,
            failureCondition: failure,
            failureLimit: failureLimit.map(IntOrString.int),
            provider: MetricProvider(web: WebMetric(url: await server.baseURL + path))
        )
    }

    /// Watches run `name` until `condition` holds for it.
    func until(_ name: String, _ what: String, _ condition: (AnalysisRun) -> Bool) async throws -> AnalysisRun {
        let current = try await client.get(AnalysisRun.self, name: name, namespace: "default")
        if condition(current) { return current }
        for try await update in try await client.watch(
            AnalysisRun.self,
            namespace: "default",
            resourceVersion: current.metadata.resourceVersion,
            fieldSelector: "metadata.name=\(name)"
        ) {
            switch update {
            case .added(let run), .modified(let run):
                if condition(run) { return run }
            default: continue
            }
        }
        throw KubeError(
            kind: .badResponse,
            verb: "WATCH",
            target: "analysisruns",
            message: "watch ended before \(what)"
        )
    }

    func completed(_ name: String) async throws -> AnalysisRun {
        try await until(name, "completion") { $0.status?.phase?.isCompleted == true }
    }

    /// The Events about run `name` with `reason`, watching until there is one (events follow the
    /// writes they describe).
    func events(about name: String, reason: String) async throws -> [Event] {
        func matches(_ event: Event) -> Bool { event.involvedObject.name == name && event.reason == reason }
        let list = try await client.list(Event.self, namespace: "default")
        let found = list.items.filter(matches)
        if !found.isEmpty { return found }
        for try await update in try await client.watch(
            Event.self,
            namespace: "default",
            resourceVersion: list.metadata.resourceVersion
        ) {
            if let event = update.object, matches(event) { return [event] }
        }
        return []
    }
}
