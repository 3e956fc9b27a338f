import ArgumentParser
import EmbeddedCluster
import FoundationEssentials
import KubeAPI
import Logging
import ServiceLifecycle
import UnixSignals

/// `vane cluster up`: starts the embedded cluster in the foreground and writes a kubeconfig for it.
struct ClusterUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the embedded cluster in the foreground; stop it with Ctrl-C.",
        discussion: """
            Prints the kubeconfig path and the server URL, one per line. Example:
              vane cluster up --kubeconfig-out /tmp/vane/kubeconfig &
              kubectl --kubeconfig /tmp/vane/kubeconfig get namespaces
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(name: .customLong("kubeconfig-out"), help: "Where to write the kubeconfig.")
    var kubeconfigOut: String = "/tmp/vane-cluster/kubeconfig"

    @Option(name: .customLong("history-limit"), help: "Watch events kept for resuming; older versions get 410 Gone.")
    var historyLimit: Int = 5_000

    @Option(
        name: .customLong("pod-ready-delay"),
        help: "How long simulated Pods take to become Ready (e.g. 500ms, 2s)."
    )
    var podReadyDelay: KubeDuration = KubeDuration(.seconds(1))

    @Option(
        name: .customLong("bad-image-pattern"),
        help: "Regular expression: Pods with a matching image never become Ready."
    )
    var badImagePattern: String?

    @Flag(help: "Serve HTTPS with a generated certificate authority (written into the kubeconfig).")
    var tls = false

    @Flag(name: .customLong("no-simulators"), help: "Run without the simulated ReplicaSet controller and kubelet.")
    var noSimulators = false

    func validate() throws {
        if let badImagePattern, (try? Regex(badImagePattern)) == nil {
            throw ValidationError("--bad-image-pattern is not a valid regular expression: \(badImagePattern)")
        }
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(port)")
        }
        guard historyLimit > 0 else { throw ValidationError("--history-limit must be positive, got \(historyLimit)") }
    }

    func run() async throws {
        // kubectl sends bearer tokens only over TLS, so plain HTTP also accepts anonymous requests
        // (identified in the audit log by their User-Agent).
        let certificates: EmbeddedClusterTLS?
        do {
            certificates = tls ? try EmbeddedClusterTLS.generate() : nil
        } catch {
            throw CLIFailure("cannot generate the cluster's TLS certificates: \(error)")
        }
        let cluster = EmbeddedCluster(
            configuration: EmbeddedClusterConfiguration(
                port: port,
                historyLimit: historyLimit,
                allowsAnonymous: !tls,
                tls: certificates,
                simulators: noSimulators
                    ? .none
                    : SimulatorConfiguration(podReadyDelay: podReadyDelay.duration, badImagePattern: badImagePattern)
            )
        )
        let logger = Logger(label: "vane.cluster")
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: cluster)],
                gracefulShutdownSignals: [.sigint, .sigterm],
                logger: logger
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let url = await cluster.serverURL()
            do {
                let directory = URL(filePath: kubeconfigOut).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try await cluster.writeKubeconfig(to: kubeconfigOut)
            } catch {
                await services.triggerGracefulShutdown()
                throw CLIFailure("cannot write kubeconfig \(kubeconfigOut): \(error)")
            }
            Console.line("kubeconfig: \(kubeconfigOut)")
            Console.line("server: \(url)")
            try await group.waitForAll()
        }
    }
}
