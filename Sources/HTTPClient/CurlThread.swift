import Foundation

/// Runs blocking libcurl transfers on threads of their own, bridged back with a continuation,
/// so no Swift executor ever waits on the network and two slow peers never serialise.
/// Threads are cheap next to a network round trip, and the number in flight is bounded by
/// the callers (one per receiver/target).
enum CurlThread {
    /// Stack size of a transfer thread; libcurl needs little.
    private static let stackSize = 256 * 1024

    /// Runs `transfer` on a new thread; cancelling the calling task sets the flag it is given,
    /// which libcurl's progress callback reads about once a second.
    static func run<Value: Sendable>(
        name: String, _ transfer: @escaping @Sendable (CancellationFlag) -> Result<Value, HTTPClientError>
    ) async -> Result<Value, HTTPClientError> {
        let cancellation = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, HTTPClientError>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: transfer(cancellation))
                }
                thread.stackSize = Self.stackSize
                thread.name = name
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
