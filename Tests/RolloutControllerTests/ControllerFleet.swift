import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Logging
import RolloutController
import ServiceLifecycle
import Synchronization

/// Two (or more) controller replicas with leader election against one embedded cluster, each with
/// its own identity, clients and service group — as separate processes would be. Tests crash them
/// (no lease release, like a killed pod) or shut them down gracefully.
final class ControllerFleet: Sendable {
    final class Member: Sendable {
        let identity: String
        let manager: RolloutControllerManager
        let group: ServiceGroup
        let task = Mutex<Task<Void, Never>?>(nil)

        init(identity: String, manager: RolloutControllerManager, group: ServiceGroup) {
            self.identity = identity
            self.manager = manager
            self.group = group
        }

        var isLeading: Bool { manager.elector?.leadershipGuard.isLeading ?? false }
    }

    let members: [Member]

    /// Lease 4 s, renew deadline 3 s, retry 0.5 s: a loaded test machine still renews in time.
    init(cluster: EmbeddedCluster, count: Int = 2, instanceID: String? = nil) async throws {
        var members: [Member] = []
        for index in 0..<count {
            let identity = "candidate-\(index)"
            let configuration = RolloutControllerConfiguration(
                client: try await cluster.clientConfiguration(user: identity, requestTimeout: .seconds(5)),
                instanceID: instanceID,
                workers: 4,
                leaderElection: LeaderElectionConfiguration(
                    identity: identity,
                    leaseDuration: .seconds(4),
                    renewDeadline: .seconds(3),
                    retryPeriod: .milliseconds(500)
                )
            )
            // VANE_DEBUG=1 shows the controllers' logs.
            var logger =
                ProcessInfo.processInfo.environment["VANE_DEBUG"] != nil
                ? Logger(label: identity, factory: { StreamLogHandler.standardError(label: $0) })
                : Logger(label: "vane.test", factory: { _ in SwiftLogNoOpLogHandler() })
            logger.logLevel = .debug
            let manager = try RolloutControllerManager(configuration: configuration, logger: logger)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: manager)],
                    gracefulShutdownSignals: [],
                    logger: logger
                )
            )
            members.append(Member(identity: identity, manager: manager, group: group))
        }
        self.members = members
    }

    func start() {
        for member in members {
            let task = Task { _ = try? await member.group.run() }
            member.task.withLock { $0 = task }
        }
    }

    /// Like a killed process: no release; the lease is left to expire.
    func crash(_ member: Member) async {
        let task = member.task.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    func shutDownAll() async {
        for member in members {
            await member.group.triggerGracefulShutdown()
            await member.task.withLock { $0 }?.value
        }
    }

    /// Waits until some member (other than `excluding`) leads.
    func leader(excluding: Member? = nil) async -> Member? {
        await firstToLead(members.filter { $0 !== excluding }) { $0.manager.elector?.leadershipGuard }
    }

    /// Runs a fleet for the duration of `body`, shutting it down gracefully afterwards.
    static func with<T: Sendable>(
        _ cluster: EmbeddedCluster,
        count: Int = 2,
        instanceID: String? = nil,
        _ body: (ControllerFleet) async throws -> T
    ) async throws -> T {
        let fleet = try await ControllerFleet(cluster: cluster, count: count, instanceID: instanceID)
        fleet.start()
        do {
            let result = try await body(fleet)
            await fleet.shutDownAll()
            return result
        } catch {
            await fleet.shutDownAll()
            throw error
        }
    }
}

/// Watching Rollouts until they reach a state, shared by the end-to-end suites.
enum RolloutWatch {
    /// Watches Rollout `name` until `condition` holds for it.
    static func until(
        _ client: KubeClient,
        _ what: String,
        name: String = "demo",
        _ condition: @escaping (Rollout) -> Bool
    ) async throws -> Rollout {
        for try await update in try await client.watch(
            Rollout.self,
            namespace: "default",
            fieldSelector: "metadata.name=\(name)"
        ) {
            switch update {
            case .added(let rollout), .modified(let rollout):
                if condition(rollout) { return rollout }
            default: continue
            }
        }
        throw KubeError(kind: .badResponse, verb: "WATCH", target: "rollouts", message: "watch ended before \(what)")
    }

    /// Watches Events until `count` with `reason` exist (events are recorded after the writes they
    /// describe, so a test that saw the write must wait for its event), and returns them.
    static func events(_ client: KubeClient, reason: String, atLeast count: Int) async throws -> [Event] {
        let list = try await client.list(Event.self, namespace: "default")
        var seen = Dictionary(list.items.filter { $0.reason == reason }.map { ($0.metadata.name ?? "", $0) }) {
            _,
            last in last
        }
        if seen.count >= count { return Array(seen.values) }
        for try await update in try await client.watch(
            Event.self,
            namespace: "default",
            resourceVersion: list.metadata.resourceVersion
        ) {
            guard let event = update.object, event.reason == reason else { continue }
            seen[event.metadata.name ?? ""] = event
            if seen.count >= count { return Array(seen.values) }
        }
        throw KubeError(
            kind: .badResponse,
            verb: "WATCH",
            target: "events",
            message: "watch ended before \(count) \(reason) events"
        )
    }

    static func isHealthy(_ rollout: Rollout, image: String) -> Bool {
        rollout.status?.phase == "Healthy"
            && rollout.status?.observedGeneration == rollout.metadata.generation.map { String($0) }
            && rollout.spec.template?.spec?.containers.first?.image == image
    }

    /// Changes the image of the first container of Rollout `name`.
    static func setImage(_ client: KubeClient, _ image: String, name: String = "demo") async throws {
        var rollout = try await client.get(Rollout.self, name: name, namespace: "default")
        rollout.spec.template?.spec?.containers[0].image = image
        _ = try await client.update(rollout)
    }
}
