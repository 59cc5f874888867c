import Foundation
import HTTPClient
import TestSupport

/// A real HTTP proxy on 127.0.0.1 (a Python subprocess) that answers `CONNECT` for chosen
/// hosts by terminating TLS itself, with a certificate from a throwaway CA (openssl CLI),
/// and records the HTTPS requests that come through the tunnel. It stands in for a
/// service whose URL cannot be configured (Pushover's, in Alertmanager 0.25 and binwatch):
/// both send through `http_config.proxy_url` with `tls_config.ca_file` set to `caFile`,
/// and the test compares what arrived.
public final class InterceptingProxy: @unchecked Sendable {
    // @unchecked: every stored property is set once in init.

    /// One request as received inside a tunnel.
    public struct Request: Sendable, Codable {
        /// The `CONNECT` target (`api.pushover.net:443`).
        public var tunnel: String
        /// Method.
        public var method: String
        /// Path and query, as sent.
        public var path: String
        /// Headers (lower-cased names).
        public var headers: [String: String]
        /// Body text.
        public var body: String
    }

    /// The bound port.
    public let port: Int
    /// The CA certificate (PEM) to trust.
    public let caFile: String
    private let directory: URL
    private let process: RunningChild
    private let control = CurlHTTPClient()

    /// `http://127.0.0.1:port`, the `proxy_url`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts a proxy whose certificate names `hosts`; every tunnelled request is answered
    /// 200 with `responseBody`.
    /// - Throws: when openssl or python3 fail, or no port is reported.
    public init(hosts: [String], responseBody: String = #"{"status":1,"request":"00000000-0000-0000-0000-000000000000"}"#) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        caFile = directory.appendingPathComponent("ca.pem").path
        // openssl makes the certificates first: a loaded machine may take a while.
        let started = try PythonServer.start(
            Self.script, arguments: [directory.path, hosts.joined(separator: ","), responseBody], timeout: .seconds(90))
        process = started.process
        port = started.port
    }

    deinit { stop() }

    /// Stops the proxy and removes its certificates.
    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every tunnelled request so far, in arrival order.
    public func requests() async throws -> [Request] {
        let response = try await control.send(HTTPRequest(method: .get, url: url + "/__requests"))
        return try JSONDecoder().decode([Request].self, from: Data(response.body))
    }

    private static let script = #"""
import json, os, ssl, subprocess, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
folder, hosts, answer = sys.argv[1], sys.argv[2].split(","), sys.argv[3].encode()
def openssl(*args): subprocess.run(["openssl", *args], check=True, capture_output=True)
def path(name): return os.path.join(folder, name)
curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
openssl("req", "-x509", *curve, "-days", "1", "-subj", "/CN=binwatch test CA", "-keyout", path("ca-key.pem"), "-out", path("ca.pem"))
openssl("req", *curve, "-subj", "/CN=" + hosts[0], "-keyout", path("leaf-key.pem"), "-out", path("leaf.csr"))
with open(path("leaf.ext"), "w") as ext: ext.write("subjectAltName=" + ",".join("DNS:" + h for h in hosts) + "\n")
openssl("x509", "-req", "-in", path("leaf.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca-key.pem"), "-CAcreateserial",
        "-days", "1", "-out", path("leaf.pem"), "-extfile", path("leaf.ext"))
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(path("leaf.pem"), path("leaf-key.pem"))
context.set_alpn_protocols(["http/1.1"])
lock = threading.Lock()
seen = []
def read_request(stream):
    line = stream.readline()
    if not line: return None
    method, target, _ = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    headers = {}
    while True:
        h = stream.readline().decode("latin-1").rstrip("\r\n")
        if not h: break
        name, value = h.split(":", 1)
        headers[name.strip().lower()] = value.strip()
    n = int(headers.get("content-length", "0"))
    body = stream.read(n) if n else b""
    return method, target, headers, body
class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        with lock: data = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_CONNECT(self):
        tunnel = self.path
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        try:
            tls = context.wrap_socket(self.connection, server_side=True)
            stream = tls.makefile("rwb")
            while True:
                got = read_request(stream)
                if got is None: break
                method, target, headers, body = got
                with lock:
                    seen.append({"tunnel": tunnel, "method": method, "path": target, "headers": headers,
                                 "body": body.decode("utf-8", "replace")})
                stream.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                             + str(len(answer)).encode() + b"\r\n\r\n" + answer)
                stream.flush()
        except (OSError, ValueError, ssl.SSLError):
            pass
        self.close_connection = True
ThreadingHTTPServer.request_queue_size = 128
server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
server.daemon_threads = True
print(server.server_address[1], flush=True)
\#(PythonChild.exitWithParent)
server.serve_forever()
"""#
}
