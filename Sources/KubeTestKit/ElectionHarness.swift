public import EmbeddedCluster
import KubeClient
public import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// Several leader-election candidates against one embedded cluster, each with its own identity
/// (bearer token), its own clients and its own service group — as separate processes would be.
/// Tests and benchmarks crash them, shut them down gracefully and watch who leads.
public final class ElectionHarness: Sendable {
    public final class Candidate: Sendable {
        public let name: String
        public let elector: LeaderElector
        let group: ServiceGroup
        let task = Mutex<Task<Void, Never>?>(nil)
        let ended = Mutex<String?>(nil)

        init(name: String, elector: LeaderElector, group: ServiceGroup) {
            self.name = name
            self.elector = elector
            self.group = group
        }

        /// Why the candidate's service group ended, if it did ("graceful", or the error).
        public var endReason: String? { ended.withLock { $0 } }

        public var isLeading: Bool { elector.leadershipGuard.isLeading }
    }

    public let candidates: [Candidate]

    /// Token users for `count` candidates named `candidate-0`, `candidate-1`, …; pass them to the
    /// cluster configuration's `tokens`.
    public static func tokens(count: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (0..<count).map { ("token-candidate-\($0)", "candidate-\($0)") })
    }

    public init(
        cluster: EmbeddedCluster,
        count: Int,
        configuration: (String) -> LeaderElectionConfiguration
    ) async throws {
        var candidates: [Candidate] = []
        for index in 0..<count {
            let name = "candidate-\(index)"
            let elector = LeaderElector(
                configuration: configuration(name),
                clientConfiguration: try await cluster.clientConfiguration(user: name),
                logger: Logger(label: "vane.leader", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: elector)],
                    gracefulShutdownSignals: [],
                    logger: Logger(label: "vane.test", factory: { _ in SwiftLogNoOpLogHandler() })
                )
            )
            candidates.append(Candidate(name: name, elector: elector, group: group))
        }
        self.candidates = candidates
    }

    /// Starts every candidate.
    public func start() {
        for candidate in candidates { start(candidate) }
    }

    public func start(_ candidate: Candidate) {
        let task = Task {
            do {
                try await candidate.group.run()
                candidate.ended.withLock { $0 = "graceful" }
            } catch {
                candidate.ended.withLock { $0 = "\(error)" }
            }
        }
        candidate.task.withLock { $0 = task }
    }

    /// Like a killed process: no release, the lease is left to expire.
    public func crash(_ candidate: Candidate) async {
        let task = candidate.task.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    /// Like SIGTERM: the elector releases the lease, then the candidate ends.
    public func shutDown(_ candidate: Candidate) async {
        await candidate.group.triggerGracefulShutdown()
        await candidate.task.withLock { $0 }?.value
    }

    public func shutDownAll() async {
        for candidate in candidates { await shutDown(candidate) }
    }

    /// Waits until some candidate (other than `excluding`) leads, and returns it.
    public func nextLeader(excluding: Candidate? = nil) async -> Candidate? {
        await firstToLead(candidates.filter { $0 !== excluding }) { $0.elector.leadershipGuard }
    }
}
