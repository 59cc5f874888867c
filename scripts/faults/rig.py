"""One scenario's world: a temp folder, the receivers, optionally PostgreSQL and a real
Alertmanager, a binwatch.yml written for the test and `binwatch run` on it; plus the
scenario's result (checks with what differed, lost/duplicated notifications).

The condition under test is `fault_value{case="..."}`, fed either from a textfile source
(written atomically by the harness) or from a PostgreSQL table through a SQL collector;
the rule `FaultAlert: fault_value > 0, for: 1s` turns it into one alert group per case
(route group_by [alertname, case]).
"""
import os
import shutil
import tempfile
import time

from processes import (Alertmanager, Binwatch, Postgres, check_state_db, check_textfile,
                       parse_samples, wait_until)
from receivers import Receivers

ROUTING_KEY = "faults-routing-key-0123"
ALERT = "FaultAlert"


class Result:
    """What one scenario tried and found."""

    def __init__(self, name, fault):
        self.name, self.fault = name, fault
        self.checks = []      # (description, ok, detail)
        self.lost = 0
        self.duplicated = 0
        self.in_flight = 0    # resends of a copy that was answered 2xx just before a SIGKILL
        self.notifications = 0
        self.started = time.monotonic()
        self.seconds = 0.0
        self.notes = []

    def check(self, description, ok, detail=""):
        self.checks.append((description, bool(ok), detail))
        mark = "ok  " if ok else "FAIL"
        print(f"    [{mark}] {description}" + (f": {detail}" if detail and not ok else ""), flush=True)
        return ok

    def equal(self, description, got, want):
        return self.check(description, got == want, f"got {got!r}, want {want!r}")

    @property
    def ok(self):
        return all(ok for _, ok, _ in self.checks)


class Rig:
    def __init__(self, binary, name, source="textfile", postgres=False, alertmanager=False, textfile_dir=None,
                 query_timeout="3s", source_timeout="1s", http_timeout=20):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix=f"binwatch-faults-{name}.")
        os.chmod(self.dir, 0o755)
        self.out_dir = textfile_dir or os.path.join(self.dir, "out")
        os.makedirs(self.out_dir, exist_ok=True)
        self.textfile = os.path.join(self.out_dir, "binwatch.prom")
        self.state = os.path.join(self.dir, "state.sqlite")
        self.condition_path = os.path.join(self.dir, "condition.prom")
        self.source = source
        self.values = {}
        self.receivers = Receivers(ROUTING_KEY)
        self.pg = None
        self.am = None
        self.binwatch = None
        try:
            if postgres:
                pgdir = os.path.join(self.dir, "pg")
                os.makedirs(pgdir)
                self.pg = Postgres(pgdir, max_connections=6)
                self.pg.psql("CREATE TABLE fault_condition (case_name text PRIMARY KEY, value float8 NOT NULL);"
                             "CREATE TABLE fault_delay (seconds float8 NOT NULL); INSERT INTO fault_delay VALUES (0);")
            if alertmanager:
                self.am = Alertmanager(self.dir, self.receivers.am.url)
            self.write_condition()
            self.http_timeout = http_timeout
            self.write_config(query_timeout, source_timeout)
            env = {"FAULTS_SLACK_URL": self.receivers.slack.url, "FAULTS_PD_KEY": ROUTING_KEY,
                   "FAULTS_HOOK_URL": self.receivers.webhook.url}
            if self.pg:
                env["BINWATCH_PG_DSN"] = self.pg.dsn()
            self.binwatch = Binwatch(binary, self.dir, os.path.join(self.dir, "binwatch.yml"), env)
        except BaseException:
            self.close()
            raise

    # -- config -------------------------------------------------------------------------
    def write_config(self, query_timeout, source_timeout):
        with open(os.path.join(self.dir, "rules.yml"), "w") as f:
            f.write(f"""groups:
  - name: faults
    rules:
      - alert: {ALERT}
        expr: fault_value > 0
        for: 1s
        labels: {{severity: critical}}
        annotations: {{summary: 'case {{{{ $labels.case }}}} at {{{{ $value }}}}'}}
""")
        sources = ""
        if self.source == "textfile":
            sources = f"""  textfile:
    - {{name: condition, path: {self.condition_path}}}
"""
        if self.pg:
            with open(os.path.join(self.dir, "collector.yml"), "w") as f:
                f.write("""collector_name: faults
min_interval: 0s
metrics:
  - metric_name: fault_value
    type: gauge
    help: 'The condition under test, one series per case.'
    key_labels: [case]
    values: [value]
    query: |
      SELECT c.case_name AS "case", c.value
      FROM fault_condition c, (SELECT pg_sleep(max(seconds)) FROM fault_delay) AS slow
""")
            sources += f"""  postgres:
    - name: wms
      dsn: "${{BINWATCH_PG_DSN}}"
      query_timeout: {query_timeout}
      collector_files: [{self.dir}/collector.yml]
"""
        alertmanagers = ""
        if self.am:
            alertmanagers = f"""  alertmanagers:
    - static_configs: [{{targets: ['127.0.0.1:{self.am.port}']}}]
"""
        with open(os.path.join(self.dir, "binwatch.yml"), "w") as f:
            f.write(f"""global:
  evaluation_interval: 1s
  source_timeout: {source_timeout}
  resend_delay: 2s
  external_url: http://binwatch.faults
rule_files: [{self.dir}/rules.yml]
sources:
{sources}output:
  textfile: {self.textfile}
  source_metrics: [pg_up, fault_value, binwatch_sql_query_errors_total]
web:
  listen_address: 127.0.0.1:0
state:
  path: {self.state}
alerting:
  notification_timeout: {self.http_timeout}s
  route:
    receiver: all
    group_by: [alertname, case]
    group_wait: 1s
    group_interval: 1s
    repeat_interval: 1h
  receivers:
    - name: all
      slack_configs:
        - {{api_url: '${{FAULTS_SLACK_URL}}', channel: '#faults', send_resolved: true}}
      pagerduty_configs:
        - {{routing_key: '${{FAULTS_PD_KEY}}', url: '{self.receivers.pagerduty.url}', send_resolved: true}}
      webhook_configs:
        - {{url: '${{FAULTS_HOOK_URL}}', send_resolved: true}}
{alertmanagers}""")

    # -- the condition ------------------------------------------------------------------
    def set_case(self, case, value):
        self.values[case] = value
        if self.source == "textfile":
            self.write_condition()
        if self.pg:
            self.pg.psql(f"INSERT INTO fault_condition VALUES ('{case}', {value}) "
                         f"ON CONFLICT (case_name) DO UPDATE SET value = excluded.value")

    def write_condition(self):
        if self.source != "textfile":
            return
        lines = ["# TYPE fault_value gauge"] + [f'fault_value{{case="{c}"}} {v}' for c, v in sorted(self.values.items())]
        tmp = self.condition_path + ".tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, self.condition_path)

    # -- observations -------------------------------------------------------------------
    def group(self, case):
        return f"{ALERT} {case}"

    def wait_delivered(self, case, state, receivers=None, timeout=90):
        group = self.group(case)
        wait_until(f"{group} {state} delivered to {[r.kind for r in (receivers or self.receivers.all)]}",
                   lambda: self.receivers.delivered(group, state, receivers), timeout=timeout)

    def metrics(self):
        return parse_samples(open(self.textfile).read())

    def wait_metric(self, what, predicate, timeout=60):
        def check():
            try:
                return predicate(self.metrics())
            except (OSError, ValueError):
                return False
        return wait_until(what, check, timeout=timeout)

    def wait_quiet(self, cycles=3):
        """Waits until binwatch's outbox is empty and `cycles` more cycles have run (each with
        its dispatcher flush): a retry or resend still in flight would have arrived by then, so
        the ledger read next shows any duplicate. Waits on the daemon's progress, not on time."""
        start = self.metrics().get("binwatch_cycles_total", 0)
        self.wait_metric(f"outbox empty and {cycles} more cycles",
                         lambda m: m.get("binwatch_notification_outbox_depth") == 0
                         and m.get("binwatch_cycles_total", 0) >= start + cycles)

    def textfile_problem(self):
        return check_textfile(self.binary, self.textfile)

    def state_problem(self):
        return check_state_db(self.state, live=self.binwatch.alive())

    def check_ledger(self, result, expected, receivers=None, kill_window=None):
        """Every receiver got exactly `expected` {(group, state): count}; counts lost/duplicated.
        With `kill_window`, a resend of a copy that a SIGKILL caught before binwatch recorded it
        (Receiver.in_flight_resends) is counted apart (in flight at the kill), not as a duplicate."""
        for r in receivers or self.receivers.all:
            counts, errors = r.ledger()
            result.check(f"{r.kind}: every body passes its schema check", not errors, "; ".join(errors[:5]))
            in_flight = r.in_flight_resends(self.binwatch, kill_window) if kill_window else {}
            for key, n in in_flight.items():
                counts[key] -= n
                result.in_flight += n
                result.notes.append(f"{r.kind}: {key} resent {n}x after a SIGKILL that fell between "
                                    "the receiver's 2xx and binwatch recording it")
            lost = sum(max(0, n - counts.get(k, 0)) for k, n in expected.items())
            extra = {k: v for k, v in counts.items() if v > expected.get(k, 0)}
            dup = sum(v - expected.get(k, 0) for k, v in extra.items())
            result.lost += lost
            result.duplicated += dup
            result.notifications += sum(counts.values())
            missing = {k: n - counts.get(k, 0) for k, n in expected.items() if counts.get(k, 0) < n}
            result.check(f"{r.kind}: each (group, state) delivered exactly once ({len(expected)} expected)",
                         lost == 0 and dup == 0, f"missing {missing}, extra {extra}")

    def close(self):
        if self.binwatch:
            self.binwatch.kill()
        self.receivers.stop()
        if self.am:
            self.am.close()
        if self.pg:
            self.pg.close()
        if not os.environ.get("KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)
