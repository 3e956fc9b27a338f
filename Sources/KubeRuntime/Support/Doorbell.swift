import Synchronization

/// Wakes one waiting loop early: `ring()` ends the current (or next) `wait(upTo:clock:)` at once.
/// Rings while nobody waits are remembered as one.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Waits until rung or until `delay` has passed on `clock`, whichever comes first.
    /// Returns true when it was rung.
    @discardableResult
    func wait(upTo delay: Duration, clock: any Clock<Duration>) async -> Bool {
        if state.withLock({ state in
            defer { state.rung = false }
            return state.rung
        }) {
            return true
        }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                try? await clock.sleep(for: delay)
                return false
            }
            group.addTask { await self.nextRing() }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    private func nextRing() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            return !Task.isCancelled
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
