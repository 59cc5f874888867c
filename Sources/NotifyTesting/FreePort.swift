import TestSupport

/// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read, close):
/// for servers that take a port argument, and for "connection refused" targets.
/// 0 when the socket calls fail (the caller's connection then fails visibly).
public func freeLoopbackPort() -> Int {
    (try? FreePort.find()) ?? 0
}
