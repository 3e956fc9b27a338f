import ArgumentParser
import KubeAPI
import KubeClient

/// `vane status NAME [--watch] [--timeout 5m]`: the phase and message, and with `--watch` an exit
/// code CI pipelines can wait on: 0 Healthy (or Paused, with a note), 1 Degraded or timeout.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a rollout's status; with --watch, wait until it settles.",
        discussion: "Example (in a pipeline):\n  vane status rollouts-demo --watch --timeout 10m"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String
    @Flag(
        help:
            "Wait until the rollout is Healthy (exit 0), Paused (exit 0), Degraded (exit 1) or the timeout passes (exit 1)."
    )
    var watch = false
    @Option(help: "Give up after this long with --watch (e.g. 5m; default: no limit).")
    var timeout: KubeDuration?

    enum Verdict: Equatable {
        case waiting(String)
        case healthy
        case paused(String)
        case degraded(String)
    }

    /// What a reader may conclude from a rollout, with the checks Argo CD's health script makes first.
    static func verdict(_ rollout: Rollout) -> Verdict {
        let status = rollout.status ?? RolloutStatus()
        guard status.observedGeneration == rollout.metadata.generation.map({ String($0) }) else {
            return .waiting("waiting for rollout spec update to be observed")
        }
        if status.controllerPause == true && (status.pauseConditions ?? []).isEmpty {
            return .waiting("waiting for rollout to unpause")
        }
        // An abort or a retry just written is not yet reflected in the phase the controller computed.
        let abortRecorded =
            status.phase == RolloutStatus.Phase.degraded
            && (status.message ?? "").hasPrefix(RolloutReason.rolloutAborted)
        if status.abort == true && status.phase != RolloutStatus.Phase.degraded {
            return .waiting("waiting for the abort to be carried out")
        }
        if status.abort != true && abortRecorded {
            return .waiting("waiting for the retry to be carried out")
        }
        switch status.phase {
        case RolloutStatus.Phase.healthy: return .healthy
        case RolloutStatus.Phase.paused: return .paused(status.message ?? "")
        case RolloutStatus.Phase.degraded: return .degraded(status.message ?? "")
        default: return .waiting(status.message ?? status.phase ?? "no status yet")
        }
    }

    func run() async throws {
        let configuration = try options.clientConfiguration()
        let namespace = configuration.namespace
        try await withCommandClient(configuration) { client in
            let rollout = try await client.rollout(named: name, in: namespace)
            guard watch else {
                Console.line(Self.line(rollout))
                return
            }
            let final: Verdict = try await withThrowingTaskGroup(of: Verdict?.self) { group in
                group.addTask {
                    var last = ""
                    var current = rollout
                    while true {
                        let line = Self.line(current)
                        if line != last {
                            Console.line(line)
                            last = line
                        }
                        let verdict = Self.verdict(current)
                        if case .waiting = verdict {} else { return verdict }
                        var next: Rollout?
                        for try await update in try await client.watch(
                            Rollout.self,
                            namespace: namespace,
                            resourceVersion: current.metadata.resourceVersion,
                            fieldSelector: "metadata.name=\(name)"
                        ) {
                            if case .modified(let rollout) = update {
                                next = rollout
                                break
                            }
                        }
                        if let next {
                            current = next
                        } else {
                            current = try await client.get(Rollout.self, name: name, namespace: namespace)
                        }
                    }
                }
                if let timeout {
                    group.addTask {
                        try await ContinuousClock().sleep(for: timeout.duration)
                        return nil
                    }
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                guard let first else {
                    throw CLIFailure("rollout \(name) did not settle within \(timeout?.description ?? "")")
                }
                return first
            }
            switch final {
            case .healthy, .waiting: return
            case .paused(let message):
                Console.line("note: rollout \(name) is paused (\(message)); promote it to continue")
            case .degraded(let message): throw CLIFailure("rollout \(name) is Degraded: \(message)")
            }
        }
    }

    static func line(_ rollout: Rollout) -> String {
        let status = rollout.status ?? RolloutStatus()
        let message = (status.message ?? "").isEmpty ? "" : " - \(status.message ?? "")"
        return "\(status.phase ?? "Unknown")\(message)"
    }
}
