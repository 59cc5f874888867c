import Synchronization

/// At most `limit` holders at once; the others wait in arrival order (Prometheus's
/// `ActiveQueryTracker` under `--query.max-concurrency`). A waiter gives up when its
/// deadline passes or its task is cancelled, and then never takes a slot.
final class ConcurrencyGate: Sendable {
    /// How a wait ended.
    enum Outcome: Sendable, Equatable {
        case acquired
        case timedOut
        case canceled
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Outcome, Never>
    }

    private struct State {
        var limit: Int
        var held = 0
        var nextID: UInt64 = 0
        var waiters: [Waiter] = []
        /// Waits that gave up before their continuation was stored, with why.
        var abandoned: [UInt64: Outcome] = [:]
        /// Waits begun and not yet resolved.
        var open: Set<UInt64> = []
    }

    private let state: Mutex<State>

    init(limit: Int) { state = Mutex(State(limit: max(1, limit))) }

    /// Holders now and waiters now.
    var load: (held: Int, waiting: Int) { state.withLock { ($0.held, $0.waiters.count) } }

    /// Changes the limit (a reload); holders above a lowered limit finish normally.
    func setLimit(_ limit: Int) {
        let wake: [Waiter] = state.withLock { state in
            state.limit = max(1, limit)
            var woken: [Waiter] = []
            while state.held < state.limit, !state.waiters.isEmpty {
                let waiter = state.waiters.removeFirst()
                state.open.remove(waiter.id)
                state.held += 1
                woken.append(waiter)
            }
            return woken
        }
        for waiter in wake { waiter.continuation.resume(returning: .acquired) }
    }

    /// Waits for a slot until `deadline`; on `.acquired` the caller must `release()`.
    func acquire(until deadline: ContinuousClock.Instant) async -> Outcome {
        let id: UInt64? = state.withLock { state in
            if state.held < state.limit {
                state.held += 1
                return nil
            }
            state.nextID += 1
            state.open.insert(state.nextID)
            return state.nextID
        }
        guard let id else { return .acquired }
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            if !Task.isCancelled { self.abandon(id, because: .timedOut) }
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let early: Outcome? = state.withLock { state in
                    if let outcome = state.abandoned.removeValue(forKey: id) {
                        state.open.remove(id)
                        return outcome
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let early { continuation.resume(returning: early) }
            }
        } onCancel: {
            self.abandon(id, because: .canceled)
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    func release() {
        let next: Waiter? = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.held -= 1
                return nil
            }
            let waiter = state.waiters.removeFirst()
            state.open.remove(waiter.id)
            return waiter
        }
        next?.continuation.resume(returning: .acquired)
    }

    private func abandon(_ id: UInt64, because outcome: Outcome) {
        let waiter: Waiter? = state.withLock { state in
            guard state.open.contains(id) else { return nil }
            if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                state.open.remove(id)
                return state.waiters.remove(at: index)
            }
            state.abandoned[id] = outcome
            return nil
        }
        waiter?.continuation.resume(returning: outcome)
    }
}
