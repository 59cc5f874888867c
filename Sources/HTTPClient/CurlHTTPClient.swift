import Foundation

/// The libcurl implementation of `HTTPTransport`.
///
/// Each request runs a blocking easy transfer on a thread of its own and is bridged
/// back with a continuation, so no Swift executor ever waits on the network and two
/// slow receivers never serialise. Threads are cheap next to a network round trip
/// and the number in flight is bounded by the callers (one per receiver/target).
public struct CurlHTTPClient: HTTPTransport {
    /// Stack size of a transfer thread; libcurl needs little.
    private static let threadStackSize = 256 * 1024

    /// Creates a client. It holds no state: requests carry their own options.
    public init() {}

    /// Sends `request`; cancelling the calling task aborts the transfer within about
    /// a second (libcurl's progress-callback interval).
    /// - Throws: `HTTPClientError` for transport failures; any HTTP status is a response.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let cancellation = CancellationFlag()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: CurlEasy.perform(request, cancellation: cancellation))
                }
                thread.stackSize = Self.threadStackSize
                thread.name = "binwatch-http"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }
}
