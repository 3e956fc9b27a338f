import Synchronization

/// A value that becomes known once (a bound port, an informer's first sync) and can be awaited
/// before that. Shared by the embedded cluster and the controller runtime.
package final class ReadySignal<Value: Sendable>: Sendable {
    private struct Waiting {
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
    }

    private enum State {
        case waiting(Waiting)
        case ready(Value)
    }

    private let state = Mutex<State>(.waiting(Waiting()))

    package init() {}

    package var currentValue: Value? {
        state.withLock { if case .ready(let value) = $0 { value } else { nil } }
    }

    package func resolve(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>] in
            guard case .waiting(let waiting) = state else { return [] }
            state = .ready(value)
            return Array(waiting.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The value, once resolved. Not cancellable: use `wait()` where the wait may be abandoned.
    package var value: Value {
        get async {
            while true {
                if let value = await next(cancellable: false) { return value }
            }
        }
    }

    /// The value, once resolved; throws `CancellationError` if the task is cancelled first.
    package func wait() async throws(CancellationError) -> Value {
        guard let value = await next(cancellable: true) else { throw CancellationError() }
        return value
    }

    private func next(cancellable: Bool) async -> Value? {
        let id = state.withLock { state -> Int in
            guard case .waiting(var waiting) = state else { return -1 }
            waiting.nextID += 1
            state = .waiting(waiting)
            return waiting.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let immediate = state.withLock { state -> Value?? in
                    switch state {
                    case .ready(let value):
                        return .some(value)
                    case .waiting(var waiting):
                        if cancellable && Task.isCancelled { return .some(nil) }
                        waiting.waiters[id] = continuation
                        state = .waiting(waiting)
                        return .none
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            guard cancellable else { return }
            let waiter = state.withLock { state -> CheckedContinuation<Value?, Never>? in
                guard case .waiting(var waiting) = state else { return nil }
                let waiter = waiting.waiters.removeValue(forKey: id)
                state = .waiting(waiting)
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
