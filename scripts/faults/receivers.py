"""Local Slack-, PagerDuty- and webhook-shaped receivers for the fault suite, in-process.

Each receiver listens on its own 127.0.0.1 port (so "refuse connections" is a closed
listening socket, as when the real service is down) and answers from a fault script
that the harness changes while binwatch runs:

    ok                   200 (Slack's "ok" body, PagerDuty's 202 JSON)
    status:N[:RETRY]     N answers with that status, optional Retry-After seconds, then ok
    hang:SECONDS         holds the request that long before answering 200 (past the client timeout)
    garbage              answers bytes that are not HTTP and closes
    refuse               (set with refuse()/accept(): the port is closed)

Every request is checked against the receiver's payload schema (Slack attachments,
PagerDuty Events API v2, Alertmanager webhook version 4) and recorded; a request
counts as *delivered* only when it was answered 2xx in time (not during a hang, whose
answer the client has given up on). `ledger()` gives delivered notifications per
(group, state): the thing the suite asserts is exactly 1 each.
"""
import json
import re
import select
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLACK_COLORS = {"firing": "danger", "resolved": "good"}
TITLE = re.compile(r"^\[(FIRING:\d+|RESOLVED)\] (.+?)(?: \(.*\))?$")


def _group_from_title(title):
    """`[FIRING:1] FaultAlert c07 (critical)` -> ("firing", "FaultAlert c07")."""
    match = TITLE.match(title)
    if not match:
        return None, None
    state = "resolved" if match.group(1) == "RESOLVED" else "firing"
    return state, match.group(2)


def check_slack(body, expected):
    """Slack incoming-webhook payload as Alertmanager's Slack notifier sends it."""
    errors = []
    attachments = body.get("attachments")
    if not isinstance(attachments, list) or len(attachments) != 1:
        return None, None, [f"slack: expected one attachment, got {attachments!r}"]
    a = attachments[0]
    state, group = _group_from_title(a.get("title", ""))
    if state is None:
        errors.append(f"slack: title {a.get('title')!r} is not '[FIRING:n] group' or '[RESOLVED] group'")
    elif a.get("color") != SLACK_COLORS[state]:
        errors.append(f"slack: color {a.get('color')!r} for a {state} notification (want {SLACK_COLORS[state]})")
    if body.get("channel") != expected.get("channel"):
        errors.append(f"slack: channel {body.get('channel')!r}, want {expected.get('channel')!r}")
    for key in ("text", "fallback"):
        if not isinstance(a.get(key), str):
            errors.append(f"slack: attachment {key} missing")
    return group, state, errors


def check_pagerduty(body, expected):
    """PagerDuty Events API v2 event."""
    errors = []
    action = body.get("event_action")
    state = {"trigger": "firing", "resolve": "resolved"}.get(action)
    if state is None:
        errors.append(f"pagerduty: event_action {action!r}")
    if body.get("routing_key") != expected.get("routing_key"):
        errors.append("pagerduty: routing_key differs from the configured one")
    dedup = body.get("dedup_key", "")
    if not re.fullmatch(r"[0-9a-f]{64}", dedup):
        errors.append(f"pagerduty: dedup_key {dedup!r} is not a SHA-256 hex digest")
    group = None
    payload = body.get("payload")
    if action == "trigger":
        if not isinstance(payload, dict):
            return None, state, errors + ["pagerduty: trigger without payload"]
        summary = payload.get("summary", "")
        if len(summary) > 1024:
            errors.append(f"pagerduty: summary of {len(summary)} characters (max 1024)")
        if payload.get("severity") not in ("critical", "error", "warning", "info"):
            errors.append(f"pagerduty: severity {payload.get('severity')!r}")
        if not payload.get("source"):
            errors.append("pagerduty: payload.source missing")
        _, group = _group_from_title(summary)
        expected.setdefault("dedup", {})[dedup] = group
    else:
        # A resolve names the incident by dedup_key only: map it back to its group.
        group = expected.setdefault("dedup", {}).get(dedup, f"dedup:{dedup[:12]}")
    return group, state, errors


def check_webhook(body, expected):
    """Alertmanager webhook, version 4 (binwatch's own or a real Alertmanager's)."""
    errors = []
    if body.get("version") != "4":
        errors.append(f"webhook: version {body.get('version')!r}, want '4'")
    state = body.get("status")
    if state not in ("firing", "resolved"):
        errors.append(f"webhook: status {state!r}")
    alerts = body.get("alerts")
    if not isinstance(alerts, list) or not alerts:
        errors.append("webhook: no alerts")
        alerts = []
    for alert in alerts:
        for key in ("status", "labels", "annotations", "startsAt", "endsAt", "fingerprint"):
            if key not in alert:
                errors.append(f"webhook: alert without {key}")
        if state == "resolved" and alert.get("status") != "resolved":
            errors.append("webhook: a resolved notification holds a firing alert")
    if not isinstance(body.get("groupKey"), str):
        errors.append("webhook: groupKey missing")
    labels = body.get("groupLabels") or {}
    group = " ".join(labels[k] for k in sorted(labels)) if labels else None
    # groupLabels sorted by name: alertname, case -> "FaultAlert c07", as the titles read.
    return group, state, errors


CHECKS = {"slack": check_slack, "pagerduty": check_pagerduty, "webhook": check_webhook, "am": check_webhook}


class Receiver:
    """One receiver kind on its own port."""

    def __init__(self, kind, expected=None):
        self.kind = kind
        self.expected = dict(expected or {})
        self.lock = threading.Lock()
        self.script = []        # pending fault answers, consumed in order
        self.mode = "ok"        # after the script: ok | hang:S | garbage
        self.requests = []      # every request: dict(group, state, answered, delivered, errors, at)
        self.server = None
        self.port = 0           # bound by the first accept(), then kept across refuse/accept
        self.accept()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/{self.kind}"

    # -- faults -------------------------------------------------------------------------
    def refuse(self):
        """Closes the listening socket: connections are refused until accept()."""
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def accept(self):
        if self.server:
            return
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                receiver._handle(self)

            def log_message(self, *args):
                pass

        deadline = time.monotonic() + 60
        while True:
            try:
                server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{self.kind}: port {self.port} stays busy")
                time.sleep(0.1)  # the old socket may linger a moment
        self.port = server.server_address[1]
        server.daemon_threads = True
        self.server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def set_faults(self, script=(), mode="ok"):
        with self.lock:
            self.script = list(script)
            self.mode = mode

    def stop(self):
        self.refuse()

    # -- requests -----------------------------------------------------------------------
    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        with self.lock:
            answer = self.script.pop(0) if self.script else self.mode
        record = {"at": time.time(), "answer": answer, "delivered": False, "errors": []}
        try:
            body = json.loads(raw)
            group, state, errors = CHECKS[self.kind](body, self.expected)
            record.update(group=group, state=state, errors=errors)
        except ValueError as error:
            record.update(group=None, state=None, errors=[f"{self.kind}: body is not JSON: {error}"])
        with self.lock:
            self.requests.append(record)
        if answer == "garbage":
            handler.wfile.write(b"\x00\x01 this is not HTTP\r\n\r\n")
            handler.wfile.flush()
            handler.close_connection = True
            return
        status, headers = 200, {}
        if answer.startswith("hang:"):
            time.sleep(float(answer.split(":")[1]))
        elif answer.startswith("status:"):
            parts = answer.split(":")
            status = int(parts[1])
            if len(parts) > 2:
                headers["Retry-After"] = parts[2]
        payload = b"ok" if self.kind == "slack" else b'{"status":"success"}'
        if status >= 300:
            payload = b"fault injected"
        if self._client_gone(handler):
            with self.lock:
                record["answered_at"] = time.time()  # never delivered: the client gave up first
            return
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            handler.wfile.flush()
            ok = 200 <= status < 300 and not answer.startswith("hang:")
        except OSError:
            ok = False  # the client gave up (timeout) before the answer
        with self.lock:
            record["delivered"] = ok
            record["answered_at"] = time.time()

    @staticmethod
    def _client_gone(handler):
        """Whether the client closed its end (gave up at its timeout) before the answer: such an
        answer is not a delivery, whatever write(2) says afterwards."""
        sock = handler.connection
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def ledger(self):
        """{(group, state): delivered count} plus the schema errors seen."""
        counts, errors = {}, []
        with self.lock:
            for r in self.requests:
                errors += r["errors"]
                if r["delivered"]:
                    key = (r["group"], r["state"])
                    counts[key] = counts.get(key, 0) + 1
        return counts, errors

    def in_flight_resends(self, binwatch, window):
        """{(group, state): n} of delivered copies that are resends of a copy answered 2xx just
        before a SIGKILL, before binwatch had recorded it: it could not know the notification
        had arrived (Alertmanager has the same at-least-once gap: its notification log is
        written after the 2xx too).

        For binwatch's own integrations the evidence is binwatch's log, not the clock: it logs
        "notification delivered" only after recording the delivery, so a resend is in flight
        when the killed run logged fewer deliveries of that integration and group than this
        receiver answered 2xx to requests that run sent. However slowly a loaded machine let
        binwatch record, a copy it had recorded and sent again is a duplicate. Copies
        Alertmanager sends (kind "am") keep the time rule: a kill within `window` seconds of
        the 2xx."""
        resends = {}
        with self.lock:
            copies = {}
            for r in self.requests:
                if r["delivered"]:
                    copies.setdefault((r["group"], r["state"]), []).append(r)
        runs = binwatch.runs() if self.kind != "am" else []
        for key, rs in copies.items():
            for earlier, later in zip(rs, rs[1:]):
                # From the start of the run that sent the earlier copy, not from its stamps:
                # the receiver stamps a request when its thread reads it and the 2xx after
                # writing it, and on a loaded machine either can come after the kill that
                # cut binwatch off first.
                since = next((started for started, ended, _ in runs if started <= earlier["at"] < ended),
                             earlier["at"])
                killed = [k for k in binwatch.kills if since <= k <= later["at"]]
                if not killed:
                    continue
                if self.kind == "am":
                    excused = any(earlier["answered_at"] - window <= k <= earlier["answered_at"] + window
                                  for k in killed)
                else:
                    excused = self._unrecorded(earlier, runs)
                if excused:
                    resends[key] = resends.get(key, 0) + 1
        return resends

    def explain(self, key, binwatch):
        """Where each delivered copy of `key` fell among binwatch's runs, and what that run
        logged about the group: for the failure message of a duplicate."""
        case = (key[0] or "").split(" ")[-1]
        with self.lock:
            rs = [r for r in self.requests if r["delivered"] and (r["group"], r["state"]) == key]
        lines = []
        for r in rs:
            for index, (started, ended, log) in enumerate(binwatch.runs()):
                if started <= r["at"] <= ended:
                    logged = [line.split(" ")[0][11:19] + " " + line.split("[Daemon] ")[-1]
                              for line in log.splitlines() if f'case="{case}"' in line and f"/{self.kind}[" in line]
                    lines.append(f"copy at {r['at']:.3f}, 2xx at {r['answered_at']:.3f}: run {index + 1} "
                                 f"({started:.3f}-{ended:.3f}) logged {logged}")
                    break
        return "; ".join(lines)

    def _unrecorded(self, copy, runs):
        """Whether the run that sent `copy` logged fewer deliveries of its group to this
        integration than this receiver answered 2xx to requests of that run."""
        case = (copy["group"] or "").split(" ")[-1]
        for started, ended, log in runs:
            if started <= copy["at"] <= ended:
                logged = sum(1 for line in log.splitlines()
                             if "notification delivered" in line and f"/{self.kind}[" in line
                             and f'case="{case}"' in line)
                with self.lock:
                    answered = sum(1 for r in self.requests
                                   if r["delivered"] and (r["group"] or "").split(" ")[-1] == case
                                   and started <= r["at"] <= ended)
                return logged < answered
        return False

    def attempts(self):
        with self.lock:
            return len(self.requests)


class Receivers:
    """Slack, PagerDuty and webhook receivers, plus the webhook a real Alertmanager calls."""

    def __init__(self, routing_key, channel="#faults"):
        self.slack = Receiver("slack", {"channel": channel})
        self.pagerduty = Receiver("pagerduty", {"routing_key": routing_key})
        self.webhook = Receiver("webhook")
        self.am = Receiver("am")
        self.direct = [self.slack, self.pagerduty, self.webhook]
        self.all = self.direct + [self.am]

    def stop(self):
        for r in self.all:
            r.stop()

    def delivered(self, group, state, receivers=None):
        """Whether every receiver (default: all) got (group, state) delivered."""
        return all(r.ledger()[0].get((group, state), 0) >= 1 for r in (receivers or self.all))
