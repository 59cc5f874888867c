public import Foundation

/// An email as Alertmanager 0.25's `notify/email` writes it: the configured headers (values
/// rendered, `mime.QEncoding` when not plain ASCII), `Message-Id` unless configured, `Date`,
/// then a `multipart/alternative` body with a quoted-printable `text/plain` part when `text`
/// is configured and a `text/html` part when `html` is (the preferred alternative last).
public struct EmailMessage: Sendable, Equatable {
    /// The envelope sender (`MAIL FROM`).
    public var envelopeFrom: String
    /// The envelope recipients (`RCPT TO`).
    public var recipients: [String]
    /// The rendered header fields in the order written.
    public var headers: [(name: String, value: String)]
    /// The rendered plain-text body, nil without a text part.
    public var text: String?
    /// The rendered HTML body, nil without an HTML part.
    public var html: String?
    /// The multipart boundary (Go's: 30 random bytes in hex).
    public var boundary: String

    /// Creates a message; `boundary` defaults to a fresh random one.
    public init(
        envelopeFrom: String, recipients: [String], headers: [(name: String, value: String)], text: String?,
        html: String?, boundary: String = EmailMessage.randomBoundary()
    ) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.headers = headers
        self.text = text
        self.html = html
        self.boundary = boundary
    }

    public static func == (a: EmailMessage, b: EmailMessage) -> Bool {
        a.envelopeFrom == b.envelopeFrom && a.recipients == b.recipients && a.text == b.text && a.html == b.html
            && a.boundary == b.boundary && a.headers.map { $0.name } == b.headers.map { $0.name }
            && a.headers.map { $0.value } == b.headers.map { $0.value }
    }

    /// Go's `multipart.randomBoundary`: 30 random bytes, hex.
    public static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<30).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// The bytes sent after DATA, CRLF line ends throughout.
    /// - Parameters:
    ///   - date: the `Date` header's time (RFC 1123 with a numeric zone, local time as Go writes it).
    ///   - messageID: the `Message-Id` value, written unless a configured header sets one.
    public func data(date: Date, messageID: String) -> [UInt8] {
        var head = ""
        for header in headers { head += "\(header.name): \(MIMEEncoding.qEncodedWord(header.value))\r\n" }
        if !headers.contains(where: { $0.name == "Message-Id" }) { head += "Message-Id: \(messageID)\r\n" }
        head += "Date: \(Self.rfc1123Z(date))\r\n"
        // Two spaces before `boundary`, as Alertmanager's format string has them.
        head += "Content-Type: multipart/alternative;  boundary=\(boundary)\r\n"
        head += "MIME-Version: 1.0\r\n\r\n"
        var out = Array(head.utf8)
        var first = true
        for (body, type) in [(text, "text/plain"), (html, "text/html")] {
            guard let body else { continue }
            out += Array("\(first ? "" : "\r\n")--\(boundary)\r\n".utf8)
            out += Array("Content-Transfer-Encoding: quoted-printable\r\nContent-Type: \(type); charset=UTF-8\r\n\r\n".utf8)
            out += MIMEEncoding.quotedPrintable(Array(body.utf8))
            first = false
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// `<unixnano.random@hostname>`, as Alertmanager builds it.
    public static func messageID(date: Date, hostname: String = ProcessInfo.processInfo.hostName) -> String {
        let nanoseconds = Int64(date.timeIntervalSince1970 * 1_000_000_000)
        return "<\(nanoseconds).\(UInt64.random(in: .min ... .max))@\(hostname)>"
    }

    /// Go's `time.RFC1123Z` layout, `Mon, 02 Jan 2006 15:04:05 -0700`, in the local zone.
    static func rfc1123Z(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss xx"
        return formatter.string(from: date)
    }
}
