import NIOCore

/// Counts the connections the server closes because of `web.read_timeout` (a client that
/// never finishes its request, or a keep-alive connection left idle), which Hummingbird's
/// idle timer closes without telling anyone.
///
/// It sits at the head of each connection's pipeline, so every close the server decides on
/// passes through it; a close with nothing written for the whole read timeout can only be
/// the idle timer's (a response, an error answer or a `Connection: close` all write just
/// before they close). A client closing its side never comes through here.
final class ReadTimeoutWatch: ChannelDuplexHandler {
    // Passed through untouched: the defaults forward reads, and `write` forwards as is.
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer

    private let timeout: TimeAmount
    private let limits: ConnectionLimits
    /// When the idle timer last started: the connection's start, then each write.
    private var since = NIODeadline.now()
    /// A connection is counted once, however many closes are asked for.
    private var counted = false

    /// Hummingbird restarts its timer when it writes a response, a moment before the bytes
    /// reach this handler at the head: this margin absorbs that difference.
    static let margin = TimeAmount.milliseconds(100)

    init(timeout: TimeAmount, limits: ConnectionLimits) {
        self.timeout = timeout
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) { since = .now() }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        since = .now()
        context.write(data, promise: promise)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all, !counted, NIODeadline.now() - since >= timeout - Self.margin {
            counted = true
            limits.countReadTimeout()
        }
        context.close(mode: mode, promise: promise)
    }
}
