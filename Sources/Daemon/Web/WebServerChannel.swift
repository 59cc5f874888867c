import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// HTTP/1.1 with TLS when the web config in force has a certificate: each new connection
/// takes the TLS context loaded last, so a SIGHUP that brings a renewed certificate applies
/// to the next connection without a restart (exporter-toolkit reads its file per
/// connection for the same reason). TLS itself is swift-nio-ssl's `NIOSSLServerHandler`,
/// as Hummingbird's own `TLSChannel` installs it.
struct WebServerChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value
    let base: HTTP1Channel
    let state: WebConfigState
    let limits: ConnectionLimits
    /// `web.read_timeout`, for counting the connections it closes (`ReadTimeoutWatch`).
    let readTimeout: TimeAmount

    var responder: HTTPChannelHandler.Responder { base.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard limits.open() else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ChannelError.inputClosed)
        }
        channel.closeFuture.whenComplete { _ in limits.close() }
        let tls = state.loaded.tls
        return channel.eventLoop.makeCompletedFuture {
            // First, at the head: every close the server decides on passes through it.
            try channel.pipeline.syncOperations.addHandler(ReadTimeoutWatch(timeout: readTimeout, limits: limits))
            if let tls { try channel.pipeline.syncOperations.addHandler(tls.makeHandler()) }
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
