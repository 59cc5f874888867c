#!/usr/bin/env python3
"""Anchor for the notify benchmark: the same workload pushed into a real Alertmanager.

10k alerts in 100 groups (alertname Group0..Group99, as NotifyBenchmark builds them) are
POSTed to Debian's prometheus-alertmanager (clustering off) through POST /api/v2/alerts in
batches, with a webhook receiver on loopback. Measured: ingest time (all POSTs answered)
the notify phase (from the groups' group_wait expiring to the first notification of every one
of the 100 groups arriving), and their sum, the end-to-end work time: group_wait itself is
idle waiting on Alertmanager's wall clock, which binwatch's benchmark skips with a manual
clock. Prints one JSON object on stdout.

Usage: alertmanager_anchor.py [runs]   (median of `runs` fresh Alertmanagers, default 3)
"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request
from datetime import datetime, timedelta, timezone
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

BINARY = "/usr/bin/prometheus-alertmanager"
ALERTS, GROUPS, BATCH = 10_000, 100, 1_000
# Seconds; longer than the ingest so each group's first notification holds all its alerts.
# Alertmanager flushes a new group at once when an alert's startsAt + group_wait is already
# past, so startsAt is the time the alerts are built, just before they are sent.
GROUP_WAIT = 3.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """Records (arrival time, body) of every webhook POST."""

    def __init__(self):
        self.lock = threading.Lock()
        self.arrivals = []
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                t = time.monotonic()
                with outer.lock:
                    outer.arrivals.append((t, body))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        # socketserver's default listen backlog of 5 drops connections under 100 concurrent
        # notifications (a second of SYN retry each); the same setting as NotifyTesting's receiver.
        ThreadingHTTPServer.request_queue_size = 1024
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        # Alertmanager's idle keep-alive connections reset when it is stopped: not an error here.
        self.server.handle_error = lambda request, address: None
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def first_per_group(self):
        with self.lock:
            arrivals = list(self.arrivals)
        first = {}
        for t, body in arrivals:
            doc = json.loads(body)
            first.setdefault(doc["groupKey"], (t, len(doc["alerts"])))
        return first


def alerts_json():
    now = datetime.now(timezone.utc)
    fmt = lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"
    return [
        {
            "labels": {"alertname": f"Group{i % GROUPS}", "bin": f"B{i}", "facility": "plant-1", "severity": "warning"},
            "annotations": {"summary": f"bin {i} over capacity"},
            "startsAt": fmt(now),
            "endsAt": fmt(now + timedelta(minutes=5)),
            "generatorURL": "http://binwatch/graph",
        }
        for i in range(ALERTS)
    ]


def post(url, payload):
    req = urllib.request.Request(url, data=payload, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
        if r.status != 200:
            raise RuntimeError(f"POST answered {r.status}")


def run_once():
    work = tempfile.mkdtemp(prefix="binwatch-am-bench-")
    receiver = Receiver()
    port = free_port()
    with open(os.path.join(work, "am.yml"), "w") as f:
        f.write(
            f"route: {{receiver: hook, group_by: [alertname], group_wait: {int(GROUP_WAIT * 1000)}ms, "
            f"group_interval: 5m, repeat_interval: 4h}}\n"
            f"receivers: [{{name: hook, webhook_configs: [{{url: 'http://127.0.0.1:{receiver.port}/hook'}}]}}]\n")
    log = open(os.path.join(work, "am.log"), "w")
    am = subprocess.Popen(
        [BINARY, f"--config.file={work}/am.yml", f"--storage.path={work}/data",
         f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"],
        stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/-/ready", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("alertmanager did not become ready")
            time.sleep(0.05)
        alerts = alerts_json()
        batches = [json.dumps(alerts[i:i + BATCH]).encode() for i in range(0, ALERTS, BATCH)]
        t0 = time.monotonic()
        groups_created = None
        for payload in batches:
            post(base + "/api/v2/alerts", payload)
            # Every batch holds alerts of all 100 groups: their group_wait timers start here.
            groups_created = groups_created or time.monotonic()
        ingest = time.monotonic() - t0
        deadline = time.monotonic() + 60
        while len(receiver.first_per_group()) < GROUPS:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {len(receiver.first_per_group())} of {GROUPS} groups notified")
            time.sleep(0.01)
        first = receiver.first_per_group()
        last = max(t for t, _ in first.values())
        delivered_alerts = sum(n for _, n in first.values())
        if delivered_alerts != ALERTS:
            raise RuntimeError(f"the first notifications held {delivered_alerts} alerts, not {ALERTS}: a group flushed early")
        # Work time: the ingest, then from the groups' timers firing to the last notification
        # (group_wait itself is idle waiting, which binwatch's benchmark skips with a manual clock).
        notify = max(0.0, last - groups_created - GROUP_WAIT)
        return {"ingest_s": ingest, "notify_s": notify, "work_s": ingest + notify, "wall_s": last - t0,
                "groups": len(first), "alerts_in_first_notifications": delivered_alerts}
    finally:
        am.terminate()
        am.wait(timeout=30)
        receiver.server.shutdown()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def main():
    if not os.access(BINARY, os.X_OK):
        print(json.dumps({"error": f"{BINARY} is not installed"}))
        return
    runs = [run_once() for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3)]
    version = subprocess.run([BINARY, "--version"], capture_output=True, text=True).stdout.split()[2]
    median = lambda k: statistics.median(r[k] for r in runs)
    print(json.dumps({
        "version": version, "runs": runs, "batch": BATCH, "group_wait_s": GROUP_WAIT,
        "ingest_s": median("ingest_s"), "notify_s": median("notify_s"), "work_s": median("work_s"),
        "wall_s": median("wall_s"),
    }))


if __name__ == "__main__":
    main()
