#!/usr/bin/env python3
"""The soak's notification receiver on 127.0.0.1: answers every POST with 200 and counts
requests and bytes per path, keeping nothing else (so its own memory stays flat however
long the soak runs). GET /stats returns the counts as JSON. Prints its port on stdout."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

counts = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with lock:
            entry = counts.setdefault(self.path, {"requests": 0, "bytes": 0})
            entry["requests"] += 1
            entry["bytes"] += len(body)
        self.reply(b"ok")

    def do_GET(self):
        with lock:
            self.reply(json.dumps(counts, sort_keys=True).encode())

    def reply(self, body):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
