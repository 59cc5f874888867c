#!/usr/bin/env python3
"""A tiny HTTP proxy for HTTPClientTests: CONNECT tunnels (for https targets) and
absolute-URI forwarding (for http targets, adding `Via: 1.1 test-proxy`).

Binds 127.0.0.1 on a free port and prints it on its first stdout line; appends one line per
request (`CONNECT host:port` or `GET http://...`) to the log file given as its argument, so
the test can tell the traffic went through it. Exits when its parent dies.
"""
import os
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LOG = sys.argv[1]
LOCK = threading.Lock()


def log(line):
    with LOCK, open(LOG, "a", encoding="utf-8") as out:
        out.write(line + "\n")


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_CONNECT(self):
        log("CONNECT " + self.path)
        host, port = self.path.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)), timeout=30)
        self.send_response(200, "Connection established")
        self.end_headers()
        sockets = [self.connection, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                break
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    upstream.close()
                    return
                (upstream if sock is self.connection else self.connection).sendall(data)

    def _forward(self):
        log(self.command + " " + self.path)
        target = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        upstream = socket.create_connection((target.hostname, target.port or 80), timeout=30)
        path = target.path + ("?" + target.query if target.query else "")
        lines = ["%s %s HTTP/1.1" % (self.command, path or "/")]
        for name, value in self.headers.items():
            if name.lower() not in ("proxy-connection", "connection"):
                lines.append("%s: %s" % (name, value))
        lines += ["Via: 1.1 test-proxy", "Connection: close", "", ""]
        upstream.sendall("\r\n".join(lines).encode() + body)
        response = b""
        while True:
            chunk = upstream.recv(65536)
            if not chunk:
                break
            response += chunk
        upstream.close()
        self.connection.sendall(response)
        self.close_connection = True

    do_GET = do_POST = do_PUT = do_HEAD = _forward


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    parent = os.getppid()

    def watch_parent():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
