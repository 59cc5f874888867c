"""History across restarts (issue 15): a real scrape target whose counter is a function of
time, range rules over 1m and 2m, alerts paging Slack/PagerDuty/webhook receivers; binwatch
is stopped with SIGTERM and with SIGKILL at random points (N times each, alternating) and
started again at once.

Checks: after every restart both alerts are still firing with their original activeAt; no
receiver ever gets a resolved notification or a second page; the recorded `rate()` and
`increase()` stay at the target's true values over the whole run, the first evaluation after
each restart included (with the samples lost at a restart, `rate(jobs_total[1m])` has one
sample and no value for a minute, and `increase()` reads a fraction); the WAL is replayed at
each start (its log line) and a torn tail after a SIGKILL is truncated, never fatal.
(The exact comparison with an uninterrupted run, bit for bit on an injected clock, is
Tests/DaemonTests/History/HistoryRestartTests.swift.)
"""
import os
import random
import threading
import time
import urllib.parse
import urllib.request
import json
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from processes import wait_until
from rig import Result, Rig

RATE = 10.0            # jobs_total rises this much a second
MAX_STOP_DELAY = 2.5   # seconds a run lasts before its stop, drawn uniformly
CASE = "history"
ALERTS = ("JobsFlowing", "JobsIncreasedLast2m")


class CounterTarget:
    """A scrape target: jobs_total = RATE * seconds since it started."""

    def __init__(self):
        started = time.time()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = f"# TYPE jobs_total counter\njobs_total {RATE * (time.time() - started):.3f}\n".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; version=0.0.4")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def configure(rig, target):
    with open(os.path.join(rig.dir, "rules.yml"), "w") as f:
        f.write(f"""groups:
  - name: history
    rules:
      - record: job:jobs:rate1m
        expr: sum by (job) (rate(jobs_total[1m]))
      - record: job:jobs:increase2m
        expr: sum by (job) (increase(jobs_total[2m]))
      - alert: JobsFlowing
        expr: rate(jobs_total[1m]) > 0
        for: 3s
        labels: {{case: {CASE}, severity: critical}}
        annotations: {{summary: 'jobs flowing at {{{{ $value }}}}/s'}}
      - alert: JobsIncreasedLast2m
        expr: increase(jobs_total[2m]) > 100
        labels: {{case: {CASE}, severity: critical}}
        annotations: {{summary: 'jobs up {{{{ $value }}}} in 2m'}}
""")
    path = os.path.join(rig.dir, "binwatch.yml")
    text = open(path).read()
    text = text.replace("sources:\n", f"""sources:
  scrape:
    - job_name: worker
      scrape_timeout: 900ms
      static_configs: [{{targets: ['127.0.0.1:{target.port}']}}]
""", 1)
    with open(path, "w") as f:
        f.write(text)


def query(rig, expr):
    url = rig.binwatch.api + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=30) as response:
        result = json.load(response)["data"]["result"]
    return [float(r["value"][1]) for r in result]


def evaluated_since(rig, since):
    """Whether this process evaluated the group (/api/v1/rules: a new process shows Go's zero
    time until then; the store's self metrics cannot tell, they hold the previous process's)."""
    with urllib.request.urlopen(rig.binwatch.api + "/api/v1/rules", timeout=30) as response:
        groups = json.load(response)["data"]["groups"]
    stamps = [g.get("lastEvaluation", "") for g in groups]
    if not stamps or stamps[0].startswith("0001-"):
        return False
    return datetime.fromisoformat(stamps[0].replace("Z", "+00:00")).timestamp() >= since


def run(binary, seed, restarts=20):
    result = Result("history", f"SIGTERM and SIGKILL restarts ({restarts} each, at random points) of a daemon "
                    "whose range rules and alerts read a scrape target")
    rng = random.Random(seed)
    target = CounterTarget()
    rig = Rig(binary, "history")
    failures = {"restored": [], "first": []}
    try:
        configure(rig, target)
        rig.binwatch.start()
        for alert in ALERTS:
            wait_until(f"{alert} delivered", lambda: rig.receivers.delivered(f"{alert} {CASE}", "firing", rig.receivers.direct),
                       timeout=120)
        active = {alert: rig.binwatch.alerts()[(alert, CASE)] for alert in ALERTS}
        # rate() over 1m reads low until the window holds a minute of samples (extrapolation is
        # capped); the restarts start once it reads the true rate.
        wait_until("rate(jobs_total[1m]) at its true value", lambda: abs((query(rig, "job:jobs:rate1m") or [0])[0] - RATE) < 0.05 * RATE,
                   timeout=120)
        first_firing = time.time()
        kinds = []
        for i in range(2 * restarts):
            kind = "SIGTERM" if i % 2 == 0 else "SIGKILL"
            kinds.append(kind)
            time.sleep(rng.uniform(0, MAX_STOP_DELAY))
            if kind == "SIGTERM":
                rig.binwatch.terminate()
            else:
                rig.binwatch.kill()
            restarted = time.time()
            rig.binwatch.start()
            wait_until("first evaluation after the restart", lambda: evaluated_since(rig, restarted), timeout=120)
            now = {alert: rig.binwatch.alerts().get((alert, CASE)) for alert in ALERTS}
            if now != active:
                failures["restored"].append(f"restart {i} ({kind}): {now}, before {active}")
            rate = query(rig, "job:jobs:rate1m")
            if not rate or abs(rate[0] - RATE) > 0.2 * RATE:
                failures["first"].append(f"restart {i} ({kind}): rate {rate}")
        rig.wait_quiet()  # a resolve or re-page caused by the last restart would have arrived by now
        window = int(time.time() - first_firing) + 1
        lowest = query(rig, f"min_over_time(job:jobs:rate1m[{window}s])")
        highest = query(rig, f"max_over_time(job:jobs:rate1m[{window}s])")
        least_increase = query(rig, f"min_over_time(job:jobs:increase2m[{window}s])")
        result.equal(f"binwatch started once and again after each of {2 * restarts} stops", rig.binwatch.starts, 2 * restarts + 1)
        result.check("after each restart, at its first evaluation: both alerts firing with their original activeAt",
                     not failures["restored"], "; ".join(failures["restored"][:3]))
        result.check(f"after each restart, at its first evaluation: rate(jobs_total[1m]) within 20% of {RATE}",
                     not failures["first"], "; ".join(failures["first"][:3]))
        result.check(f"rate(jobs_total[1m]) recorded over the last {window}s stayed within 20% of {RATE} (min {lowest}, max {highest})",
                     lowest and highest and lowest[0] > 0.8 * RATE and highest[0] < 1.2 * RATE, f"min {lowest}, max {highest}")
        result.check(f"increase(jobs_total[2m]) recorded over the last {window}s never fell to 100 or below (min {least_increase})",
                     least_increase and least_increase[0] > 100, f"min {least_increase}")
        expected = {(f"{alert} {CASE}", "firing"): 1 for alert in ALERTS}
        rig.check_ledger(result, expected, rig.receivers.direct)
        replays = rig.binwatch.log_count("WAL replayed")
        result.equal("every start replayed the WAL (log line 'WAL replayed')", replays, 2 * restarts + 1)
        torn = rig.binwatch.log_count("WAL torn tail truncated")
        result.notes.append(f"seed {seed}; {torn} torn tails truncated after {restarts} SIGKILLs")
        result.notifications = sum(sum(r.ledger()[0].values()) for r in rig.receivers.direct)
    finally:
        rig.close()
        target.stop()
    return result
