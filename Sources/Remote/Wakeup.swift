import Synchronization

/// A signal the scheduler gives after each WAL write, so a queue reads new samples at once
/// instead of polling; `signal` never blocks or suspends the caller.
public final class Wakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiting queue, or the next `wait` if none is waiting.
    public func signal() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let waiter = s.waiter {
                s.waiter = nil
                return waiter
            }
            s.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next signal (or at once for one given meanwhile), after `timeout`, or when
    /// the task is cancelled. One waiter at a time (the queue's own task).
    func wait(timeout: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.signal()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.pending {
                        s.pending = false
                        return true
                    }
                    s.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            signal()
        }
        // A late timer signal only makes the next wait return early; the queue reads again and
        // waits again, which is harmless, while clearing it here could lose a real signal.
        timer.cancel()
    }
}
