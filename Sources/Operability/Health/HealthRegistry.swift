import Synchronization

/// What `/healthz` and `/readyz` answer, gathered from the parts of the process.
///
/// Liveness means "the process is alive and its loops are not wedged": a follower that does not lead
/// is healthy, and so is a leader whose API server is failing (restarting would not help it; the
/// failure is reported in conditions, events and metrics instead). Readiness means "the caches are
/// synced". Each check returns nil when fine, or a one-line reason.
public final class HealthRegistry: Sendable {
    public typealias Check = @Sendable () -> String?

    private struct Checks {
        var liveness: [(name: String, check: Check)] = []
        var readiness: [(name: String, check: Check)] = []
    }

    private let checks = Mutex(Checks())

    public init() {}

    public func addLivenessCheck(_ name: String, _ check: @escaping Check) {
        checks.withLock { $0.liveness.append((name, check)) }
    }

    public func addReadinessCheck(_ name: String, _ check: @escaping Check) {
        checks.withLock { $0.readiness.append((name, check)) }
    }

    public func liveness() -> HealthReport {
        HealthReport(run(checks.withLock { $0.liveness }))
    }

    public func readiness() -> HealthReport {
        HealthReport(run(checks.withLock { $0.readiness }))
    }

    private func run(_ checks: [(name: String, check: Check)]) -> [(String, String?)] {
        checks.map { ($0.name, $0.check()) }
    }
}

/// The outcome of a set of health checks, rendered like Kubernetes' own `?verbose` health output.
public struct HealthReport: Sendable {
    public var results: [(name: String, failure: String?)]

    init(_ results: [(String, String?)]) {
        self.results = results.map { (name: $0.0, failure: $0.1) }
    }

    public var isHealthy: Bool { results.allSatisfy { $0.failure == nil } }

    public var text: String {
        var lines = results.map { result in
            result.failure.map { "[-]\(result.name) failed: \($0)" } ?? "[+]\(result.name) ok"
        }
        lines.append(isHealthy ? "healthz check passed" : "healthz check failed")
        return lines.joined(separator: "\n") + "\n"
    }
}
