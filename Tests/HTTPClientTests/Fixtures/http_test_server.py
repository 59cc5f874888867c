#!/usr/bin/env python3
"""Loopback HTTP server for HTTPClientTests.

Binds 127.0.0.1 on a free port, prints the port on its first stdout line, exits on
SIGTERM, and exits when its parent (the test process) dies, so a crashed test run never
leaves it behind. (It no longer watches stdin: the tests give children /dev/null, not
pipes, because pipe ends leaked into concurrently spawned children hung the suite.)
With `--tls CERT KEY` it serves HTTPS with that certificate; `--client-ca CA` after them
also requires a client certificate signed by CA (its subject is echoed as X-Echo-Client-Subject).

Routes:
  /echo[...]          any method: body echoed; request headers returned as X-Echo-<name>,
                      method as X-Echo-Method, path as X-Echo-Path
  /status/<code>[/…]  that status; body "status <code> for <path>"; 429 adds Retry-After: 7
  /slow/<ms>          answers 200 "slow" after <ms> milliseconds
  /hang               never answers (for 600 s, or until the client goes away)
  /meet/<name>/<n>    waits until n requests for the same name are in the server at once:
                      200 "together" then, or 200 "alone" after 300 s (a client that sends
                      them one after the other never gets "together")
  /hits/<route>       how many requests for /<route> arrived so far (text)
  /large/<n>          n bytes, byte i = i % 251
  /redirect           302 to /echo
  /headers            two Set-Cookie fields
"""
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


HITS = {}
MEETINGS = {}
LOCK = threading.Condition()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self):
        body = self._body()
        path = self.path
        parts = path.split("?")[0].strip("/").split("/")
        route = parts[0]
        with LOCK:
            HITS[route] = HITS.get(route, 0) + 1
        if route == "echo":
            headers = [("X-Echo-Method", self.command), ("X-Echo-Path", path)]
            headers += [("X-Echo-" + k, v) for k, v in self.headers.items()]
            peer = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
            if peer:
                subject = ",".join("%s=%s" % pair for rdn in peer.get("subject", ()) for pair in rdn)
                headers.append(("X-Echo-Client-Subject", subject))
            self._send(200, body, headers)
        elif route == "status" and len(parts) > 1:
            code = int(parts[1])
            extra = [("Retry-After", "7")] if code == 429 else []
            self._send(code, ("status %d for %s" % (code, path)).encode(), extra)
        elif route == "slow" and len(parts) > 1:
            time.sleep(int(parts[1]) / 1000.0)
            self._send(200, b"slow")
        elif route == "hang":
            time.sleep(600)
        elif route == "meet" and len(parts) > 2:
            name, want = parts[1], int(parts[2])
            with LOCK:
                MEETINGS[name] = MEETINGS.get(name, 0) + 1
                LOCK.notify_all()
                met = LOCK.wait_for(lambda: MEETINGS[name] >= want, timeout=300)
            self._send(200, b"together" if met else b"alone")
        elif route == "hits" and len(parts) > 1:
            with LOCK:
                count = HITS.get(parts[1], 0)
            self._send(200, str(count).encode())
        elif route == "large" and len(parts) > 1:
            n = int(parts[1])
            pattern = bytes(i % 251 for i in range(251))
            data = (pattern * (n // 251 + 1))[:n]
            self._send(200, data, [("Content-Type", "application/octet-stream")])
        elif route == "redirect":
            self._send(302, b"", [("Location", "/echo")])
        elif route == "headers":
            self._send(200, b"ok", [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")])
        else:
            self._send(404, b"no route")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if len(sys.argv) in (4, 6) and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        if len(sys.argv) == 6 and sys.argv[4] == "--client-ca":
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(sys.argv[5])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)

    parent = os.getppid()

    def watch_parent():
        # Reparented (to init or a subreaper) once the test process is gone.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
