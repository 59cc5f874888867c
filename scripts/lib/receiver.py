#!/usr/bin/env python3
"""A local stand-in for Slack, PagerDuty and webhook endpoints, for the demo.

Usage: receiver.py PORT [--out FILE]

Listens on 127.0.0.1:PORT, answers every POST with 200 (Slack's "ok", PagerDuty's
202-style JSON is not needed: binwatch accepts any 2xx) and prints each request as one
line "<path> <compact JSON body>" followed by the body pretty-printed, flushed at once so
a demo can tail it. With --out, the one-line form is also appended to FILE (for scripts
that count what arrived). Stops on SIGTERM/SIGINT.
"""
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    port = int(sys.argv[1])
    out_path = None
    if len(sys.argv) >= 4 and sys.argv[2] == "--out":
        out_path = sys.argv[3]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
                line = json.dumps(body, separators=(",", ":"), sort_keys=True)
                pretty = json.dumps(body, indent=2, sort_keys=True)
            except ValueError:
                line = pretty = raw.decode("utf-8", "replace")
            print(f"{self.path} {line}", flush=True)
            print(pretty, flush=True)
            if out_path:
                with open(out_path, "a", encoding="utf-8") as f:
                    f.write(f"{self.path} {line}\n")
            payload = b"ok"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass  # only the bodies are printed

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"receiver listening on 127.0.0.1:{server.server_address[1]}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
