import Foundation
import HTTPClient
import TestSupport

/// A real HTTP server on 127.0.0.1 (a Python `ThreadingHTTPServer` subprocess) that
/// records every request and answers from a per-path script: N× 500, 429 with
/// Retry-After, a hang longer than the client's timeout, then 200.
public final class LocalReceiver: @unchecked Sendable {
    // @unchecked: `process` is set once in init and only read afterwards.

    /// One scripted answer.
    public struct Response: Sendable, Codable {
        /// HTTP status.
        public var status: Int
        /// Body text.
        public var body: String
        /// Extra headers (e.g. `Retry-After`).
        public var headers: [String: String]
        /// Seconds to wait before answering (a hang when longer than the client timeout).
        public var delay: Double

        /// Creates a response.
        public init(status: Int, body: String = "", headers: [String: String] = [:], delay: Double = 0) {
            self.status = status
            self.body = body
            self.headers = headers
            self.delay = delay
        }
    }

    /// One request as received.
    public struct Request: Sendable, Codable {
        /// Request path.
        public var path: String
        /// Method.
        public var method: String
        /// Headers (lower-cased names).
        public var headers: [String: String]
        /// Body text.
        public var body: String
        /// The status it was answered with.
        public var status: Int
        /// Whether the answer was delayed (a hang).
        public var delayed: Bool
    }

    /// The bound port.
    public let port: Int
    private let process: RunningChild
    private let control = CurlHTTPClient()

    /// `http://127.0.0.1:port`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts a receiver on `port` (0 = any free port).
    /// - Throws: when python3 cannot start or does not report a port.
    public init(port: Int = 0) throws {
        let started = try PythonServer.start(Self.script, arguments: [String(port)])
        self.process = started.process
        self.port = started.port
    }

    deinit { stop() }

    /// Stops the server without waiting for it to exit (for `defer`).
    public func stop() {
        process.stop()
    }

    /// Stops the server and waits until it has exited: connections are then refused.
    public func shutDown() async {
        await process.terminated()
    }

    /// Queues `responses` for `path`; after they are used up the path answers 200 `ok`.
    public func script(_ path: String, _ responses: [Response]) async throws {
        let payload = try JSONEncoder().encode(["path": AnyCodable.string(path), "responses": .responses(responses)])
        _ = try await control.send(HTTPRequest(method: .post, url: url + "/__plan", body: Array(payload)))
    }

    /// Every request received so far (control requests excluded), in arrival order.
    public func requests() async throws -> [Request] {
        let response = try await control.send(HTTPRequest(method: .get, url: url + "/__requests"))
        return try JSONDecoder().decode([Request].self, from: Data(response.body))
    }

    /// Requests to `path` that were answered with a 2xx.
    public func delivered(_ path: String) async throws -> [Request] {
        try await requests().filter { $0.path == path && (200..<300).contains($0.status) && !$0.delayed }
    }

    private enum AnyCodable: Encodable {
        case string(String)
        case responses([Response])
        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let s): try s.encode(to: encoder)
            case .responses(let r): try r.encode(to: encoder)
            }
        }
    }

    private static let script = #"""
import json, os, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
lock = threading.Lock()
plans = {}
requests = []
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, status, body, headers={}):
        data = body.encode()
        self.send_response(status)
        for k, v in headers.items(): self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.path == "/__requests":
            with lock: body = json.dumps(requests)
            return self.reply(200, body, {"Content-Type": "application/json"})
        self.handle_any(b"")
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n) if n else b""
        if self.path == "/__plan":
            p = json.loads(body)
            with lock: plans.setdefault(p["path"], []).extend(p["responses"])
            return self.reply(200, "ok")
        self.handle_any(body)
    def do_PUT(self):
        n = int(self.headers.get("Content-Length", "0"))
        self.handle_any(self.rfile.read(n) if n else b"")
    def handle_any(self, body):
        with lock:
            queue = plans.get(self.path, [])
            r = queue.pop(0) if queue else {"status": 200, "body": "ok", "headers": {}, "delay": 0}
            requests.append({"path": self.path, "method": self.command,
                             "headers": {k.lower(): v for k, v in self.headers.items()},
                             "body": body.decode("utf-8", "replace"), "status": r["status"], "delayed": r["delay"] > 0})
        if r["delay"] > 0: time.sleep(r["delay"])
        try: self.reply(r["status"], r["body"], r["headers"])
        except Exception: pass
# A listen backlog of 5 (socketserver's default) drops connections when a client opens
# many at once (100 group notifications): the SYN retries then cost a second each.
ThreadingHTTPServer.request_queue_size = 1024
srv = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H)
srv.daemon_threads = True
print(srv.server_address[1], flush=True)
\#(PythonChild.exitWithParent)
srv.serve_forever()
"""#
}
