public import KubeAPI

/// Brings one object's world in line with its spec. Called by a `Controller` worker for one key
/// at a time; it reads from caches and writes through the leadership guard.
public protocol Reconciler: Sendable {
    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult
}

/// What the worker does with the key after a successful reconcile.
public enum ReconcileResult: Sendable, Hashable {
    /// Nothing until something changes.
    case done
    /// Look again after this delay (a timed pause, a deadline) even if nothing changes.
    case requeue(after: Duration)
}

/// How a reconcile failure should be counted and reported. Errors that adopt it tell the controller
/// whether the failure is routine (a conflict: requeue quietly) and which dependency failed.
public protocol ClassifiedError: Error {
    /// The `reason` label of `vane_reconcile_errors_total`, e.g. `conflict`, `tls`, `timeout`.
    var reason: String { get }
    /// Routine failures (optimistic-concurrency conflicts, cancelled calls) are retried without counting
    /// as errors or raising warnings.
    var isRoutine: Bool { get }
    /// The endpoint or dependency that failed, when known (a host, a webhook), for people.
    var failingEndpoint: String? { get }
}

extension ClassifiedError {
    /// How long a key failing this way may wait before its next try at most: failures that belong
    /// to a dependency are retried at least this often, so the Rollout resumes soon after the
    /// dependency recovers instead of after a backoff that grew during the outage.
    public var retryCap: Duration? { failingEndpoint == nil ? nil : .seconds(30) }
}
