import Foundation

/// One header of a NATS message (`Nats-Msg-Id: …`).
public struct NATSHeader: Sendable, Hashable {
    /// The header's name, as written.
    public var name: String
    /// Its value.
    public var value: String

    /// Creates a header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A message received on a subscription (`MSG` or `HMSG`).
public struct NATSMessage: Sendable, Hashable {
    /// The subject it was published to.
    public var subject: String
    /// Where the publisher wants an answer, if anywhere.
    public var replyTo: String?
    /// Its headers, in order.
    public var headers: [NATSHeader]
    /// The status of a server-made message (`NATS/1.0 503` when a request has no
    /// responders); nil for ordinary messages.
    public var status: Int?
    /// The text after the status (`No Responders`), possibly empty.
    public var statusDescription: String
    /// The body.
    public var payload: [UInt8]

    /// Creates a message.
    public init(
        subject: String, replyTo: String? = nil, headers: [NATSHeader] = [], status: Int? = nil,
        statusDescription: String = "", payload: [UInt8]
    ) {
        self.subject = subject
        self.replyTo = replyTo
        self.headers = headers
        self.status = status
        self.statusDescription = statusDescription
        self.payload = payload
    }

    /// The value of the first header named `name` (compared case-insensitively).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: payload, as: UTF8.self) }
}

/// The header block of `HPUB`/`HMSG`: `NATS/1.0[ status[ description]]`, `Name: value`
/// lines, an empty line, every line ended by CRLF.
enum NATSHeaderBlock {
    /// The block for `headers`.
    /// - Throws: `.invalidRequest` for a name or value with CR, LF or (in a name) a colon.
    static func encode(_ headers: [NATSHeader]) throws(NATSError) -> [UInt8] {
        var text = "NATS/1.0\r\n"
        for header in headers {
            let badName = header.name.isEmpty || header.name.contains(where: { $0 == ":" || $0.isNewline || $0 == " " })
            if badName || header.value.contains(where: \.isNewline) {
                throw NATSError(kind: .invalidRequest, message: "header \"\(header.name)\" cannot be sent (empty, or holds a newline or colon)")
            }
            text += "\(header.name): \(header.value)\r\n"
        }
        return Array((text + "\r\n").utf8)
    }

    /// The status, its description and the headers of a received block.
    /// - Throws: `.protocolViolation` when the block does not start with `NATS/1.0`.
    static func decode(_ bytes: ArraySlice<UInt8>) throws(NATSError) -> (status: Int?, description: String, headers: [NATSHeader]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")[...]
        guard let first = lines.popFirst(), first.hasPrefix("NATS/1.0") else {
            throw NATSError(kind: .protocolViolation, message: "a header block that does not start with NATS/1.0")
        }
        let statusLine = first.dropFirst("NATS/1.0".count).trimmingSpaces()
        var status: Int?
        var description = ""
        if !statusLine.isEmpty {
            let parts = statusLine.split(separator: " ", maxSplits: 1)
            status = Int(parts[0])
            description = parts.count > 1 ? String(parts[1]) : ""
        }
        var headers: [NATSHeader] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(NATSHeader(
                name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingSpaces()))
        }
        return (status, description, headers)
    }
}
