public import FoundationEssentials
public import KubeAPI

/// When a completed run is deleted under its `ttlStrategy`: `secondsAfterSuccess` for a
/// Successful run, `secondsAfterFailure` for a Failed one, else `secondsAfterCompletion`, counted
/// from `completedAt`.
public enum RunLifetime {
    /// The moment the run expires; nil when it never does (not completed, or no applicable TTL).
    public static func expiry(of run: AnalysisRun) -> Date? {
        guard let phase = run.status?.phase, phase.isCompleted, let ttl = run.spec.ttlStrategy,
            let completedAt = run.status?.completedAt
        else { return nil }
        let seconds: Int32?
        if phase == .successful, let afterSuccess = ttl.secondsAfterSuccess {
            seconds = afterSuccess
        } else if phase == .failed, let afterFailure = ttl.secondsAfterFailure {
            seconds = afterFailure
        } else {
            seconds = ttl.secondsAfterCompletion
        }
        // The incumbent deletes once more whole seconds than the TTL have passed.
        return seconds.map { completedAt.date.addingTimeInterval(Double($0) + 1) }
    }
}
