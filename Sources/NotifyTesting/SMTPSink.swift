public import Foundation
import TestSupport

/// A real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd in a Python subprocess) that
/// keeps every message it accepts, parsed by Python's `email` package: envelope, EHLO name,
/// the AUTH mechanism and login used, header fields, and each MIME part's decoded body.
/// It offers no STARTTLS; with `auth` it offers AUTH and refuses mail without it.
public final class SMTPSink: @unchecked Sendable {
    // @unchecked: every stored property is set once in init.

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

    /// The bound port.
    public let port: Int
    private let directory: URL
    private let process: RunningChild

    /// Starts a server and waits until it listens (it prints the port then).
    /// - Parameters:
    ///   - auth: credentials to require; nil: no AUTH offered.
    ///   - port: the port to listen on; 0 (the default) picks a free one.
    /// - Throws: when python3 or aiosmtpd cannot start (the port taken included).
    public init(auth: Auth? = nil, port: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let settings = String(decoding: try JSONEncoder().encode(auth.map { ["auth": $0] } ?? [:]), as: UTF8.self)
        let process = try ChildProcess.start(["/usr/bin/python3", "-u", "-c", Self.script, settings, directory.path, String(port)])
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

    private static let script = #"""
import asyncio, email, email.policy, json, os, sys, threading, time
from aiosmtpd.smtp import SMTP, AuthResult
settings = json.loads(sys.argv[1])
outdir = sys.argv[2]
auth = settings.get("auth")
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
        record = {"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos, "ehlo": session.host_name or "",
                  "authMechanism": used[0], "authLogin": used[1],
                  "headers": [[k, v] for k, v in msg.items()], "parts": parts,
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
    options.update(authenticator=authenticator, auth_required=True, auth_require_tls=False,
                   auth_exclude_mechanism=sorted(every - set(auth["mechanisms"])))
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
server = loop.run_until_complete(loop.create_server(lambda: SMTP(Handler(), **options), "127.0.0.1", int(sys.argv[3])))
print(server.sockets[0].getsockname()[1], flush=True)
\#(PythonChild.exitWithParent)
loop.run_forever()
"""#
}
