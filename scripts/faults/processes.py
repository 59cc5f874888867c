"""The real parts the fault suite drives: a throwaway PostgreSQL (scripts/lib/throwaway-pg.sh),
a real Alertmanager (clustering off) and `binwatch run` (the debug build), plus the checks
that read their state: the textfile through `binwatch check metrics --textfile`, the state
file through SQLite's `PRAGMA integrity_check`, alerts through /api/v1/alerts.
"""
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PG_LIB = os.path.join(ROOT, "scripts", "lib", "throwaway-pg.sh")


def reserve_port():
    """A loopback port held for a server started later: a socket bound to it with SO_REUSEADDR
    and not listening. While it is open, bind(0) hands the port to nobody else and connections
    are refused; a server that sets SO_REUSEADDR too (Go's net.Listen does) binds and listens
    on it all the same. Keep the socket until the server is gone."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    return s


def wait_until(what, predicate, timeout=30.0, every=0.1):
    """Polls `predicate` until true; raises with `what` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for: {what}")
        time.sleep(every)


def http_json(url, method="GET", body=None, timeout=30.0):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


class Postgres:
    """A private PostgreSQL on a unix socket in `directory` (initdb + pg_ctl via throwaway-pg.sh)."""

    def __init__(self, directory, max_connections=20):
        self.directory = directory
        self.max_connections = max_connections
        self._bash(f'pg_start "{directory}"')
        self.restart()  # with this suite's settings
        self.psql("CREATE DATABASE faults", db="postgres")

    def _bash(self, script):
        subprocess.run(["bash", "-c", f'source "{PG_LIB}"; {script}'], check=True, capture_output=True, text=True)

    def _ctl(self, *args):
        self._bash("as_pg \"$PGBIN/pg_ctl\" " + " ".join(f"'{a}'" for a in args))

    def stop(self):
        self._ctl("-D", f"{self.directory}/data", "-m", "immediate", "-w", "stop")

    def start(self):
        options = (f"-k {self.directory} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
                   f"-c max_connections={self.max_connections} -c superuser_reserved_connections=0")
        self._ctl("-D", f"{self.directory}/data", "-l", f"{self.directory}/server.log", "-w", "-o", options, "start")

    def restart(self):
        self.stop()
        self.start()

    def psql(self, sql, db="faults"):
        return subprocess.run(
            ["psql", "-X", "-q", "-At", "-h", self.directory, "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True, capture_output=True, text=True).stdout

    def hold(self, sql="SELECT pg_sleep(3600)", db="faults"):
        """A session kept open in the background (a lock holder, a connection hog)."""
        return subprocess.Popen(
            ["psql", "-X", "-q", "-h", self.directory, "-U", "postgres", "-d", db, "-c", sql],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, PGAPPNAME="faults-hold"))

    def release_holds(self):
        """Ends the held sessions server-side (a killed psql leaves its backend sleeping)."""
        self.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'faults-hold'")

    def dsn(self):
        return f"host={self.directory} port=5432 user=postgres dbname=faults connect_timeout=2"

    def close(self):
        self.stop()


class Alertmanager:
    """Debian's prometheus-alertmanager on a free port, clustering off, webhook to `hook_url`."""

    BINARY = "/usr/bin/prometheus-alertmanager"

    def __init__(self, directory, hook_url):
        self.directory = directory
        os.makedirs(f"{directory}/am-data", exist_ok=True)
        with open(f"{directory}/am.yml", "w") as f:
            f.write(f"""route:
  receiver: hook
  group_by: [alertname, case]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: hook
    webhook_configs:
      - url: {hook_url}
        send_resolved: true
""")
        self.reservation = reserve_port()
        self.port = self.reservation.getsockname()[1]
        self.log = open(f"{directory}/am.log", "w")
        self.process = subprocess.Popen(
            [self.BINARY, f"--config.file={directory}/am.yml", f"--storage.path={directory}/am-data",
             f"--web.listen-address=127.0.0.1:{self.port}", "--cluster.listen-address="],
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_until("alertmanager ready", self._ready, timeout=120)

    def _ready(self):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/ready", timeout=1)
            return True
        except OSError:
            return False

    def alerts(self):
        return http_json(f"http://127.0.0.1:{self.port}/api/v2/alerts")

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()
        self.reservation.close()


class Binwatch:
    """`binwatch run --config CONFIG` with its log in `directory`; kill/restart at will."""

    # Hummingbird's start-up line: the config listens on port 0, the kernel picks a free port
    # when binwatch binds, and the harness reads it here (a port picked by the harness and
    # bound later by binwatch could be taken in between).
    LISTENING = re.compile(r"Server started and listening on 127\.0\.0\.1:(\d+)")

    def __init__(self, binary, directory, config, env):
        self.binary, self.directory, self.config, self.port = binary, directory, config, None
        self.env = dict(os.environ, **env)
        self.process = None
        self.starts = 0
        self.kills = []         # wall times of every SIGKILL, to tell in-flight resends apart
        self.log_path = f"{directory}/binwatch.log"

    @property
    def api(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait_ready=True):
        self.starts += 1
        log = open(self.log_path, "a")
        log.write(f"==== start {self.starts} at {time.time():.3f}\n")
        log.flush()
        # SIGXFSZ ignored (inherited through exec): the "disk full" fallback lowers the
        # process's file-size limit and expects EFBIG from write(2), not a killed process.
        # The log goes through a pipe the harness copies to the file: the process's own
        # file-size limit (the "disk full" fallback) must not cut its log.
        self.process = subprocess.Popen(
            [self.binary, "run", "--config", self.config], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=self.env, preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN))
        self.copier = threading.Thread(target=self._copy_log, args=(self.process.stdout, log), daemon=True)
        self.copier.start()
        if wait_ready:
            self.wait_ready()

    @staticmethod
    def _copy_log(pipe, log):
        for line in iter(pipe.readline, b""):
            log.write(line.decode("utf-8", "replace"))
            log.flush()
        log.close()

    def wait_ready(self, timeout=120):
        marker = f"==== start {self.starts} at "

        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"binwatch exited with {self.process.returncode}: {self.log_tail()}")
            log = open(self.log_path).read()
            found = self.LISTENING.findall(log[log.rfind(marker):])
            if not found:
                return False  # this start has not bound its port yet (self.port is the last run's)
            self.port = int(found[-1])
            try:
                urllib.request.urlopen(self.api + "/-/ready", timeout=1)
                return True
            except OSError:
                return False
        wait_until("binwatch /-/ready", ready, timeout=timeout, every=0.05)

    def kill(self):
        """SIGKILL: no shutdown code runs."""
        if self.process and self.process.poll() is None:
            self.kills.append(time.time())
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.copier.join(timeout=60)  # its last lines belong before the next start's marker

    def terminate(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                return self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
                return None
        return self.process.returncode if self.process else None

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def alerts(self):
        """{(alertname, case): (state, activeAt)} from /api/v1/alerts."""
        data = http_json(self.api + "/api/v1/alerts")["data"]["alerts"]
        return {(a["labels"].get("alertname"), a["labels"].get("case")): (a["state"], a["activeAt"]) for a in data}

    def self_metrics(self, path):
        """The samples of the textfile as {"name{labels}": value} (binwatch_*, pg_up, ...)."""
        return parse_samples(open(path).read())

    def runs(self):
        """[(started, ended, log text)] per start of binwatch, wall times as the receivers
        record them; a run ends at the next start (or now), not at its SIGKILL: no binwatch
        runs between a kill and the next start, so a request a receiver stamps in that gap
        was sent by the killed run (on a loaded machine the receiver's thread may read, and
        stamp, a request well after binwatch wrote it and was killed)."""
        text = open(self.log_path).read()
        parts = re.split(r"^==== start \d+ at ([0-9.]+)\n", text, flags=re.M)
        starts = [(float(parts[i]), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]
        runs = []
        for index, (started, log) in enumerate(starts):
            following = starts[index + 1][0] if index + 1 < len(starts) else time.time()
            runs.append((started, following, log))
        return runs

    def log_tail(self, lines=15):
        try:
            return "".join(open(self.log_path).readlines()[-lines:])
        except OSError:
            return ""

    def log_count(self, text):
        try:
            return open(self.log_path).read().count(text)
        except OSError:
            return 0


def parse_samples(text):
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        samples[key] = float(value)
    return samples


def check_textfile(binary, path):
    """None when `binwatch check metrics --textfile` accepts the file, else its complaint."""
    if not os.path.exists(path):
        return f"{path} does not exist"
    result = subprocess.run([binary, "check", "metrics", "--textfile", path], capture_output=True, text=True)
    if result.returncode != 0:
        return f"binwatch check metrics --textfile {path}: {result.stdout}{result.stderr}".strip()
    # Complete means whole: the last family binwatch writes is there and the file ends in a newline.
    text = open(path).read()
    if not text.endswith("\n") or "binwatch_cycles_total" not in text:
        return f"{path} is incomplete ({len(text)} bytes, ends {text[-40:]!r})"
    return None


def query_stopped_state(path, sql):
    """Rows of `sql` over the state file of a stopped binwatch, opened as binwatch opens it
    (read-write) but on a copy: the database and its -wal, the -shm rebuilt. A read-only open
    of a WAL file a killed process left behind fails, since recovering it writes the -shm."""
    with tempfile.TemporaryDirectory(prefix="binwatch-state-copy.") as copy_dir:
        copy = os.path.join(copy_dir, os.path.basename(path))
        shutil.copyfile(path, copy)
        if os.path.exists(path + "-wal"):
            shutil.copyfile(path + "-wal", copy + "-wal")
        db = sqlite3.connect(copy, timeout=30)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()


def saved_alerts(path):
    """{(alertname, case): state} of the alerts a stopped binwatch's state file holds; {} when
    there is no file yet."""
    if not os.path.exists(path):
        return {}
    saved = {}
    for labels, state in query_stopped_state(path, "SELECT labels, state FROM alert_state"):
        pairs = dict(json.loads(labels))
        saved[(pairs.get("alertname"), pairs.get("case"))] = state
    return saved


def check_state_db(path, live):
    """None when SQLite's integrity_check passes on the state file, opened as binwatch opens it:
    read-write (query_stopped_state when binwatch is down; with a live binwatch, through an
    ordinary connection that changes nothing)."""
    if not os.path.exists(path):
        return f"{path} does not exist"
    try:
        if live:
            db = sqlite3.connect(path, timeout=30)
            db.execute("PRAGMA query_only = ON")
            rows = db.execute("PRAGMA integrity_check").fetchall()
            db.close()
        else:
            rows = query_stopped_state(path, "PRAGMA integrity_check")
    except (sqlite3.Error, OSError) as error:
        return f"integrity_check on {path} failed to run: {error}"
    if rows != [("ok",)]:
        return f"integrity_check on {path}: {rows}"
    return None
