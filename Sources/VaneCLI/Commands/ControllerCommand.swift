import ArgumentParser
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import Logging
import Metrics
import Operability
import Prometheus
import RolloutController
import ServiceLifecycle
import UnixSignals

/// `vane controller`: the long-running controller, with the incumbent's flags and defaults.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the rollout controller (leader election, /metrics, /healthz, /readyz).",
        discussion: """
            Example, two replicas on one machine against the embedded cluster:
              vane controller --kubeconfig /tmp/vane-cluster/kubeconfig --metrics-port 0 --healthz-port 0
            """
    )

    @Option(
        help: "Path to a kubeconfig (default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account)."
    )
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    @Option(help: "Watch only this namespace (default: all namespaces).")
    var namespace: String?

    @Option(
        name: .customLong("instance-id"),
        help: "Handle only Rollouts labelled \(ArgoLabels.instanceID) with this value."
    )
    var instanceID: String?

    @Option(name: .customLong("rollout-threads"), help: "Number of rollout workers.")
    var rolloutThreads = 10

    @Option(help: "Client-side rate limit: requests per second to the API server.")
    var qps: Double = 40

    @Option(help: "Client-side rate limit: burst.")
    var burst = 80

    @Option(name: .customLong("metrics-port"), help: "Port of /metrics (0 picks a free port and logs it).")
    var metricsPort = 8090

    @Option(name: .customLong("healthz-port"), help: "Port of /healthz and /readyz (0 picks a free port and logs it).")
    var healthzPort = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var loglevel = "info"

    @Option(help: "Log format: text or json.")
    var logformat = "text"

    @Option(name: .customLong("leader-elect"), help: "Use leader election (true or false).")
    var leaderElect = true

    @Option(name: .customLong("leader-election-lease-duration"), help: "How long a lease lasts without renewal.")
    var leaseDuration = KubeDuration(.seconds(15))

    @Option(
        name: .customLong("leader-election-renew-deadline"),
        help: "How long the leader keeps trying to renew before stepping down."
    )
    var renewDeadline = KubeDuration(.seconds(10))

    @Option(name: .customLong("leader-election-retry-period"), help: "How often candidates try to acquire or renew.")
    var retryPeriod = KubeDuration(.seconds(2))

    @Option(
        name: .customLong("leader-election-namespace"),
        help: "Namespace of the lease (default: the pod's namespace, else default)."
    )
    var leaderElectionNamespace: String?

    @Option(name: .customLong("leader-election-id"), help: "Name of the lease.")
    var leaderElectionID = "vane-controller-lock"

    @Flag(
        name: .customLong("exit-on-lost-leadership"),
        help: "Exit when leadership is lost (the incumbent's behaviour) instead of stepping down."
    )
    var exitOnLostLeadership = false

    @Option(
        name: .customLong("sync-retry-warning"),
        help: "Warn (event + log) when one rollout fails more than this many times in a row."
    )
    var syncRetryWarning = 10

    func validate() throws {
        guard Logger.Level(rawValue: loglevel) != nil else {
            throw ValidationError(
                "--loglevel must be one of trace, debug, info, notice, warning, error, critical, got \(loglevel)"
            )
        }
        guard ["text", "json"].contains(logformat) else {
            throw ValidationError("--logformat must be text or json, got \(logformat)")
        }
        guard rolloutThreads > 0 else {
            throw ValidationError("--rollout-threads must be positive, got \(rolloutThreads)")
        }
        guard qps > 0, burst > 0 else { throw ValidationError("--qps and --burst must be positive") }
        for (flag, port) in [("--metrics-port", metricsPort), ("--healthz-port", healthzPort)]
        where !(0...65_535).contains(port) {
            throw ValidationError("\(flag) must be between 0 and 65535, got \(port)")
        }
        do {
            try leaderElection(namespace: "default").validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func leaderElection(namespace: String) -> LeaderElectionConfiguration {
        let environment = ProcessInfo.processInfo.environment
        return LeaderElectionConfiguration(
            leaseName: leaderElectionID,
            leaseNamespace: leaderElectionNamespace ?? environment["POD_NAMESPACE"] ?? namespace,
            identity: LeaderElectionConfiguration.identity(
                base: environment["POD_NAME"] ?? ProcessInfo.processInfo.hostName
            ),
            leaseDuration: leaseDuration.duration,
            renewDeadline: renewDeadline.duration,
            retryPeriod: retryPeriod.duration,
            exitOnLostLeadership: exitOnLostLeadership
        )
    }

    func run() async throws {
        let level = Logger.Level(rawValue: loglevel) ?? .info
        let json = logformat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "vane.controller")

        var client: ClientConfiguration
        do {
            client = try ClientSettings.resolve(kubeconfig: kubeconfig, context: context, namespace: nil)
        } catch {
            throw CLIFailure(error.description)
        }
        client.qps = qps
        client.burst = burst
        let configuration = RolloutControllerConfiguration(
            client: client,
            namespace: namespace,
            instanceID: instanceID,
            workers: rolloutThreads,
            leaderElection: leaderElect ? leaderElection(namespace: client.namespace) : nil,
            syncRetryWarning: syncRetryWarning
        )
        let manager: RolloutControllerManager
        do {
            manager = try RolloutControllerManager(configuration: configuration, logger: logger)
        } catch {
            throw CLIFailure(error.description)
        }
        let health = HealthRegistry()
        health.addLivenessCheck("ping") { nil }
        if let elector = manager.elector {
            // A follower is healthy; a campaign loop that stopped turning is not.
            let allowance = elector.configuration.retryPeriod * 3 + elector.configuration.renewDeadline
            health.addLivenessCheck("leader-election loop") {
                guard let silence = elector.silence, silence > allowance else { return nil }
                return "no election round for \(silence)"
            }
        }
        health.addReadinessCheck("informers") {
            manager.hasSynced ? nil : "rollout and replicaset caches not synced yet"
        }
        var servers = [
            OperabilityServer(host: "0.0.0.0", port: metricsPort, registry: registry, health: health, logger: logger)
        ]
        if healthzPort != metricsPort || healthzPort == 0 {
            servers.append(
                OperabilityServer(
                    host: "0.0.0.0",
                    port: healthzPort,
                    registry: registry,
                    health: health,
                    logger: logger
                )
            )
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: servers.map { .init(service: $0) } + [.init(service: manager)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info(
            "starting",
            metadata: [
                LogKey.k8sServer: "\(client.server)",
                LogKey.leaseHolder: "\(configuration.leaderElection?.identity ?? "none (no leader election)")",
                LogKey.k8sNamespace: "\(namespace ?? "all")",
            ]
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let metrics = await servers[0].listeningPort()
            let healthz = await servers.last?.listeningPort() ?? metrics
            logger.info("serving /metrics on port \(metrics), /healthz and /readyz on port \(healthz)")
            Console.line("metrics: \(metrics)")
            Console.line("healthz: \(healthz)")
            do {
                try await tasks.waitForAll()
            } catch let error as LeadershipLostError {
                throw CLIFailure(error.description)
            }
        }
    }
}
