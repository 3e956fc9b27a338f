public import KubeRuntime

/// Waits until one of `candidates` leads — its guard reports leadership — and returns it; nil when
/// every guard's change stream ends first. Shared by the election and controller harnesses.
public func firstToLead<Candidate: AnyObject & Sendable>(
    _ candidates: [Candidate],
    guardOf: @escaping @Sendable (Candidate) -> LeadershipGuard?
) async -> Candidate? {
    await withTaskGroup(of: Candidate?.self) { group in
        for candidate in candidates {
            group.addTask {
                guard let leadership = guardOf(candidate) else { return nil }
                for await leading in leadership.changes() where leading { return candidate }
                return nil
            }
        }
        while let result = await group.next() {
            if let result {
                group.cancelAll()
                return result
            }
        }
        return nil
    }
}
