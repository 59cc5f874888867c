import CLibPQ
import Synchronization

/// Sends libpq cancel requests for the statement a session is running, from any thread.
///
/// `PQcancel` is the one libpq call meant to be made from another thread than the one
/// using the connection; the `PGcancel` object it needs is kept here under a lock, with a
/// generation number so a late timer can never cancel the statement after the one it timed.
final class Canceller: Sendable {
    /// Why a statement was cancelled, so its SQLSTATE 57014 is reported as the right kind.
    enum Reason: Sendable { case timeout, task }

    /// A `PGcancel` pointer. `@unchecked Sendable`: libpq documents `PQcancel` on it as
    /// safe from any thread, and this type only ever touches it under the lock.
    private struct Handle: @unchecked Sendable { let pointer: OpaquePointer }

    private struct State {
        var handle: Handle?
        var generation: UInt64 = 0
        var running = false
        var reason: Reason?
    }

    private let state = Mutex(State())

    /// Takes ownership of a `PGcancel` for a new connection (nil when disconnected).
    func install(_ pointer: OpaquePointer?) {
        let handle = pointer.map(Handle.init)
        state.withLock { state in
            if let old = state.handle { PQfreeCancel(old.pointer) }
            state.handle = handle
        }
    }

    /// Marks a statement as running and returns its generation.
    func begin() -> UInt64 {
        state.withLock { state in
            state.generation += 1
            state.running = true
            state.reason = nil
            return state.generation
        }
    }

    /// Marks the statement finished; returns why it was cancelled, if it was.
    func end() -> Reason? {
        state.withLock { state in
            state.running = false
            return state.reason
        }
    }

    /// Asks the server to cancel the running statement, if it is still `generation` (any when nil).
    /// The lock is held across `PQcancel` so the handle cannot be freed under it.
    func cancel(generation: UInt64?, reason: Reason) {
        state.withLock { state in
            guard state.running, let handle = state.handle,
                  generation == nil || generation == state.generation else { return }
            state.reason = reason
            var buffer = [CChar](repeating: 0, count: 256)
            // A failed cancel request leaves the statement to statement_timeout; nothing else to do.
            _ = PQcancel(handle.pointer, &buffer, Int32(buffer.count))
        }
    }

    deinit {
        state.withLock { state in
            if let handle = state.handle { PQfreeCancel(handle.pointer) }
            state.handle = nil
        }
    }
}
