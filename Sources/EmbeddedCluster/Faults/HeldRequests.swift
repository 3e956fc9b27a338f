import Synchronization

/// Counts the requests faults hold before carrying them out (`latency`, `applyLate`, `stall`), and
/// lets a test wait for a count: then it knows those requests reached the server, had their arrival
/// stamped, and wait under a fault, so it can do what must happen meanwhile.
final class HeldRequests: Sendable {
    private struct Waiter {
        var atLeast: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var count = 0
        var waiters: [Int: Waiter] = [:]
        var nextWaiterID = 0
        var cancelledWaiters: Set<Int> = []
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.count } }

    /// A request starts being held; waiters whose count is reached return.
    func begin() {
        let reached = state.withLock { state in
            state.count += 1
            let reached = state.waiters.filter { $0.value.atLeast <= state.count }
            for id in reached.keys { state.waiters[id] = nil }
            return reached.values.map(\.continuation)
        }
        for continuation in reached { continuation.resume() }
    }

    /// A held request is released (carried out, answered or given up).
    func end() {
        state.withLock { $0.count -= 1 }
    }

    /// Returns once at least `count` requests are held, or when the task is cancelled.
    func wait(atLeast count: Int) async {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if state.count >= count || state.cancelledWaiters.contains(id) { return true }
                    state.waiters[id] = Waiter(atLeast: count, continuation: continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiting = state.withLock { state in
                state.cancelledWaiters.insert(id)
                return state.waiters.removeValue(forKey: id)
            }
            waiting?.continuation.resume()
        }
        state.withLock { _ = $0.cancelledWaiters.remove(id) }
    }
}
