import HummingbirdCore
import NIOCore
import NIOHTTP1
import HTTPTypes
import NIOHTTPTypes

/// Request headers over Go's `http.DefaultMaxHeaderBytes` (1 MiB, plus the 4 KiB slack Go's
/// server allows) are answered as Prometheus, Alertmanager and node_exporter answer them: 431
/// `Request Header Fields Too Large`, `Connection: close`; and counted for `/metrics`.
///
/// NIO's decoder enforces the size (`limits`) and raises `HTTPParserError.headerOverflow`;
/// Hummingbird would answer that with a bare 400. This handler sits right after the HTTP
/// codec, answers the overflow itself and does not pass it on, so the request never reaches
/// the router. Any other error goes on unchanged.
final class HeaderSizeLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// Bytes of header names and values NIO's decoder takes before the overflow error.
    static let maxHeaderBytes = 1 << 20 + 4096
    /// The decoder's limits: Go has no count limit, only the byte one.
    static let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: Int(UInt16.max) - 1)

    private let limits: ConnectionLimits
    private var answered = false

    init(limits: ConnectionLimits) { self.limits = limits }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parse = error as? HTTPParserError, parse == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        limits.countHeaderTooLarge()
        // Go's text, byte for byte (net/http server.go).
        let text = "431 Request Header Fields Too Large"
        let head = HTTPResponse(
            status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
            headerFields: [.contentType: "text/plain; charset=utf-8", .connection: "close", .contentLength: "\(text.utf8.count)"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: text))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
