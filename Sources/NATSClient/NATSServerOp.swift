import Foundation

/// One operation a NATS server sends, read from its control line (the NATS client protocol:
/// `INFO`, `MSG`, `HMSG`, `PING`, `PONG`, `+OK`, `-ERR`).
enum NATSServerOp: Sendable, Equatable {
    /// `INFO {json}`: the server's settings.
    case info(String)
    /// `MSG <subject> <sid> [reply-to] <#bytes>`; the payload follows.
    case msg(subject: String, sid: String, replyTo: String?, size: Int)
    /// `HMSG <subject> <sid> [reply-to] <#header bytes> <#total bytes>`; headers and payload follow.
    case hmsg(subject: String, sid: String, replyTo: String?, headerSize: Int, totalSize: Int)
    /// `PING`: must be answered with `PONG`.
    case ping
    /// `PONG`: the answer to our `PING`; everything sent before it was processed.
    case pong
    /// `+OK` (verbose mode only).
    case ok
    /// `-ERR 'text'`, the quotes removed.
    case err(String)

    /// Parses a control line (without its CRLF).
    /// - Throws: `.protocolViolation` for an unknown operation or malformed arguments.
    static func parse(_ line: String) throws(NATSError) -> NATSServerOp {
        let trimmed = Substring(line).trimmingSpaces()
        let opEnd = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? trimmed.endIndex
        let op = trimmed[..<opEnd].uppercased()
        let rest = trimmed[opEnd...]
        let args = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func malformed() -> NATSError {
            NATSError(kind: .protocolViolation, message: "a malformed \(op) line from the server")
        }
        switch op {
        case "PING": return .ping
        case "PONG": return .pong
        case "+OK": return .ok
        case "INFO": return .info(rest.trimmingSpaces())
        case "-ERR":
            var text = rest.trimmingSpaces()
            if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") { text = String(text.dropFirst().dropLast()) }
            return .err(text)
        case "MSG":
            guard args.count == 3 || args.count == 4, let size = Int(args[args.count - 1]), size >= 0 else { throw malformed() }
            return .msg(subject: args[0], sid: args[1], replyTo: args.count == 4 ? args[2] : nil, size: size)
        case "HMSG":
            guard args.count == 4 || args.count == 5, let headerSize = Int(args[args.count - 2]),
                  let totalSize = Int(args[args.count - 1]), headerSize >= 0, headerSize <= totalSize
            else { throw malformed() }
            return .hmsg(
                subject: args[0], sid: args[1], replyTo: args.count == 5 ? args[2] : nil, headerSize: headerSize,
                totalSize: totalSize)
        default:
            let shown = op.count > 20 ? String(op.prefix(20)) + "..." : op
            throw NATSError(kind: .protocolViolation, message: "an unknown operation \"\(shown)\" from the server")
        }
    }
}

/// What a server says about itself in `INFO` (the fields the client uses).
public struct NATSServerInfo: Sendable, Hashable, Decodable {
    /// The server's id.
    public var serverID: String?
    /// The largest message (headers and payload) it accepts.
    public var maxPayload: Int?
    /// Whether it supports headers (`HPUB`, NATS 2.2+).
    public var headers: Bool?
    /// Whether it requires TLS.
    public var tlsRequired: Bool?
    /// Whether it requires credentials.
    public var authRequired: Bool?
    /// Whether JetStream is enabled.
    public var jetStream: Bool?

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id", maxPayload = "max_payload", headers, tlsRequired = "tls_required"
        case authRequired = "auth_required", jetStream = "jetstream"
    }

    /// Decodes the JSON of an `INFO` line.
    /// - Throws: `.protocolViolation` when it is not a JSON object.
    static func parse(_ json: String) throws(NATSError) -> NATSServerInfo {
        do {
            return try JSONDecoder().decode(NATSServerInfo.self, from: Data(json.utf8))
        } catch {
            throw NATSError(kind: .protocolViolation, message: "an INFO line that is not a JSON object")
        }
    }
}
