#!/usr/bin/env python3
"""Loopback scrape targets for the scrape source's tests.

Binds 127.0.0.1 on a free port, prints the port on its first stdout line, and exits
when its parent process dies (so a crashed test run never leaves it behind).

Routes:
  /pages/<name>   the file <dir>/<name>.prom as text/plain; version=0.0.4 (dir: argv[1])
  /status/<code>  that status with a small body
  /hang           never answers (until the client goes away)
  /query          a page whose sample carries the raw query string as label q
"""
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGES = sys.argv[1]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, status, body, content_type="text/plain; version=0.0.4; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        parts = path.strip("/").split("/")
        if parts[0] == "pages" and len(parts) == 2:
            try:
                with open(os.path.join(PAGES, parts[1] + ".prom"), "rb") as f:
                    self._send(200, f.read())
            except OSError:
                self._send(404, b"no such page")
        elif parts[0] == "status" and len(parts) == 2:
            self._send(int(parts[1]), b"status page")
        elif parts[0] == "hang":
            time.sleep(60)
        elif parts[0] == "query":
            accept = self.headers.get("Accept", "")
            self._send(200, ('seen{q="%s",accept="%s"} 1\n' % (query, accept)).encode())
        else:
            self._send(404, b"no route")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
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
