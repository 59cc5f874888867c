/// The libcurl implementation of `HTTPTransport`.
///
/// Each request runs a blocking easy transfer on a thread of its own (`CurlThread`), so no
/// Swift executor ever waits on the network and two slow receivers never serialise.
public struct CurlHTTPClient: HTTPTransport {
    /// Creates a client. It holds no state: requests carry their own options.
    public init() {}

    /// Sends `request`; cancelling the calling task aborts the transfer within about
    /// a second (libcurl's progress-callback interval).
    /// - Throws: `HTTPClientError` for transport failures; any HTTP status is a response.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let result = await CurlThread.run(name: "binwatch-http") { cancellation in
            CurlEasy.perform(request, cancellation: cancellation)
        }
        return try result.get()
    }
}
