public import Foundation
import TestSupport

/// A real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd in a Python subprocess) that
/// keeps every message it accepts, parsed by Python's `email` package: envelope, EHLO name,
/// the AUTH mechanism and login used, header fields, and each MIME part's decoded body.
/// Without `tls` it offers no STARTTLS; with `auth` it offers AUTH and refuses mail without it
/// (over TLS only, when `tls` is set). Each message records whether its session was encrypted.
public final class SMTPSink: @unchecked Sendable {
    // @unchecked: every stored property is set once in init.

    /// How the server encrypts sessions.
    public struct TLS: Sendable, Codable {
        /// When TLS starts.
        public enum Mode: String, Sendable, Codable {
            /// Plain greeting, STARTTLS offered and required before MAIL (and AUTH).
            case starttls
            /// TLS from the first byte (smtps), as on port 465.
            case implicit
        }

        /// When TLS starts.
        public var mode: Mode
        /// The server's certificate chain (PEM).
        public var certificate: String
        /// The server's private key (PEM).
        public var key: String
        /// CA that client certificates must chain to; nil: none asked for. A client may still
        /// send none (the message then records no client certificate).
        public var clientCA: String?

        /// Creates TLS settings.
        public init(mode: Mode, certificate: String, key: String, clientCA: String? = nil) {
            self.mode = mode
            self.certificate = certificate
            self.key = key
            self.clientCA = clientCA
        }
    }

    /// Credentials the server accepts, and the mechanisms it offers.
    public struct Auth: Sendable, Codable {
        /// The login.
        public var user: String
        /// The password.
        public var password: String
        /// `PLAIN`, `LOGIN` (aiosmtpd's built-in mechanisms).
        public var mechanisms: [String]

        /// Creates credentials.
        public init(user: String, password: String, mechanisms: [String] = ["PLAIN", "LOGIN"]) {
            self.user = user
            self.password = password
            self.mechanisms = mechanisms
        }
    }

    /// One accepted message.
    public struct Message: Sendable, Decodable {
        /// One MIME part of a multipart message.
        public struct Part: Sendable, Decodable {
            /// `Content-Type`.
            public var contentType: String
            /// `Content-Transfer-Encoding`.
            public var transferEncoding: String
            /// The body, transfer encoding undone, as UTF-8 with LF line ends.
            public var body: String
        }

        /// `MAIL FROM`.
        public var mailFrom: String
        /// `RCPT TO`, in order.
        public var rcptTos: [String]
        /// The EHLO/HELO name the client gave.
        public var ehlo: String
        /// The AUTH mechanism that succeeded, nil without AUTH.
        public var authMechanism: String?
        /// The login that authenticated.
        public var authLogin: String?
        /// Header fields as written (encoded words left encoded), in order.
        public var headers: [[String]]
        /// The parts of a multipart body, in order.
        public var parts: [Part]
        /// `starttls` or `implicit` when the session was encrypted, nil when it was plain.
        public var tls: String?
        /// The TLS version (`TLSv1.3`), nil when plain.
        public var tlsVersion: String?
        /// The common name of the client certificate the server verified, nil without one.
        public var clientCertificate: String?
        /// The whole message as received (after DATA's dot-unstuffing).
        public var raw: String

        /// Every value of header `name` (case-insensitive).
        public func header(_ name: String) -> [String] {
            headers.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.count > 1 ? $0[1] : nil }
        }
    }

    /// Whether python3-aiosmtpd is installed (tests skip otherwise).
    public static var isInstalled: Bool {
        FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd/smtp.py")
    }

    /// The address listened on.
    public let host: String
    /// The bound port.
    public let port: Int
    private let directory: URL
    private let process: RunningChild

    /// Starts a server and waits until it listens (it prints the port then).
    /// - Parameters:
    ///   - auth: credentials to require; nil: no AUTH offered.
    ///   - tls: STARTTLS or implicit TLS with a certificate; nil: plain only.
    ///   - host: the loopback address to listen on.
    ///   - port: the port to listen on; 0 (the default) picks a free one.
    /// - Throws: when python3 or aiosmtpd cannot start (the port taken included).
    public init(auth: Auth? = nil, tls: TLS? = nil, host: String = "127.0.0.1", port: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let settings = String(decoding: try JSONEncoder().encode(Settings(auth: auth, tls: tls)), as: UTF8.self)
        let process = try ChildProcess.start(
            ["/usr/bin/python3", "-u", "-c", Self.script, settings, directory.path, host, String(port)])
        let line: String
        do { line = try process.blockingFirstStdoutLine() } catch {
            process.stop()
            throw error
        }
        guard let bound = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.stop()
            throw ChildProcessError(message: "the SMTP sink printed \(line.debugDescription), not a port: \(process.readStderr())")
        }
        self.process = process
        self.host = host
        self.port = bound
    }

    deinit { stop() }

    /// Stops the server and removes what it kept.
    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every message accepted so far, in arrival order.
    public func messages() throws -> [Message] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            try JSONDecoder().decode(Message.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
        }
    }

    /// The server's log (aiosmtpd's warnings and the script's errors).
    public var log: String { process.readStderr() }

    private struct Settings: Encodable {
        var auth: Auth?
        var tls: TLS?
    }

    private static let script = #"""
import asyncio, email, email.policy, json, os, ssl, sys, threading, time
from aiosmtpd.smtp import SMTP, AuthResult
settings = json.loads(sys.argv[1])
outdir = sys.argv[2]
auth = settings.get("auth")
tls = settings.get("tls")
context = None
if tls:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls["certificate"], tls["key"])
    if tls.get("clientCA"):
        # Optional: aiosmtpd warns that a required certificate breaks STARTTLS's error path.
        context.verify_mode = ssl.CERT_OPTIONAL
        context.load_verify_locations(tls["clientCA"])
count = [0]
def authenticator(server, session, envelope, mechanism, data):
    ok = data.login.decode() == auth["user"] and data.password.decode() == auth["password"]
    if ok:
        session.binwatch_auth = (mechanism, data.login.decode())
    return AuthResult(success=ok, handled=False)
class Handler:
    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        parts = []
        if msg.is_multipart():
            for part in msg.get_payload():
                parts.append({"contentType": part.get("Content-Type", ""),
                              "transferEncoding": part.get("Content-Transfer-Encoding", ""),
                              "body": part.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n")})
        used = getattr(session, "binwatch_auth", (None, None))
        # After STARTTLS server.transport is the TLS layer; with implicit TLS it always was.
        secured = server.transport.get_extra_info("ssl_object")
        mode = ("starttls" if server._original_transport is not None else "implicit") if secured else None
        peer = secured.getpeercert() if secured else None
        common = [v for rdn in (peer or {}).get("subject", ()) for (k, v) in rdn if k == "commonName"]
        record = {"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos, "ehlo": session.host_name or "",
                  "authMechanism": used[0], "authLogin": used[1],
                  "headers": [[k, v] for k, v in msg.items()], "parts": parts,
                  "tls": mode, "tlsVersion": secured.version() if secured else None,
                  "clientCertificate": common[0] if common else None,
                  "raw": raw.decode("utf-8", "replace")}
        count[0] += 1
        path = os.path.join(outdir, "%06d.json" % count[0])
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        return "250 OK"
options = {"hostname": "binwatch-sink"}
if auth:
    every = {"LOGIN", "PLAIN"}
    options.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(tls),
                   auth_exclude_mechanism=sorted(every - set(auth["mechanisms"])))
if tls and tls["mode"] == "starttls":
    options.update(tls_context=context, require_starttls=True)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
server = loop.run_until_complete(loop.create_server(
    lambda: SMTP(Handler(), **options), sys.argv[3], int(sys.argv[4]),
    ssl=context if tls and tls["mode"] == "implicit" else None))
print(server.sockets[0].getsockname()[1], flush=True)
\#(PythonChild.exitWithParent)
loop.run_forever()
"""#
}
