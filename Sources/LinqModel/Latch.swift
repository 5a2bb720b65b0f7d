import Synchronization

/// A one-shot latch: `resolve(_:)` sets its value once (later calls are ignored) and wakes every waiter;
/// `wait()` returns the value, at once when it is already set, or nil when the waiting task is cancelled first.
public final class Latch<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Creates an unresolved latch.
    public init() {}

    /// The value, or nil while unresolved.
    public var value: Value? { state.withLock { $0.value } }

    /// Sets the value and wakes every waiter; returns false (and changes nothing) when already resolved.
    @discardableResult
    public func resolve(_ value: Value) -> Bool {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>]? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume(returning: value) }
        return true
    }

    /// Returns the value once resolved, or nil as soon as the calling task is cancelled.
    public func wait() async -> Value? {
        let id = state.withLock { state -> Int in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let immediate = state.withLock { state -> Value?? in
                    if let value = state.value { return .some(value) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}
