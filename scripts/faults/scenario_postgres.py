"""PostgreSQL stopped, restarted, made slow (pg_sleep in the collector query, then a lock held
by another session) and exhausted of connections (max_connections 6 and every slot held);
the daemon must keep cycling, count the trouble in its self metrics, keep the textfile
complete, and recover when the database does."""
import os
import time

from processes import wait_until
from rig import Rig, Result

SRC = 'source="wms"'


def metric(samples, name, labels=""):
    for key, value in samples.items():
        if key == name or (key.startswith(name + "{") and labels in key):
            return value
    return None


def observe(rig, result, phase, seconds, check):
    """Samples the textfile every 0.2s for `seconds`: each sample must be complete; returns
    (first, last) metric snapshots. `check(last)` must hold by the end."""
    first = rig.metrics()
    bad, samples = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        problem = rig.textfile_problem()
        samples += 1
        if problem:
            bad.append(problem)
        time.sleep(0.2)
    last = rig.metrics()
    result.check(f"{phase}: binwatch still running", rig.binwatch.alive(), rig.binwatch.log_tail())
    result.check(f"{phase}: textfile complete in all {samples} samples taken", not bad, "; ".join(bad[:2]))
    cycles = metric(last, "binwatch_cycles_total") - metric(first, "binwatch_cycles_total")
    # Progress, not pace: a daemon blocked on the database would not cycle at all during the
    # fault, while how many 1 s cycles fit in the window depends on the machine's load.
    result.check(f"{phase}: the daemon kept cycling (>= 2 cycles in {seconds:.0f}s)",
                 cycles >= 2, f"{cycles:.0f} cycles")
    ok, detail = check(first, last)
    result.check(f"{phase}: {detail}", ok, f"first {subset(first)}, last {subset(last)}")
    return first, last


def subset(samples):
    keep = ("pg_up", "binwatch_source", "binwatch_sql_query_errors_total", "binwatch_cycles")
    return {k: v for k, v in samples.items() if k.startswith(keep)}


def run(binary, seed):
    result = Result("postgres", "PostgreSQL stopped, restarted, slow (pg_sleep), lock wait, connections exhausted")
    rig = Rig(binary, "postgres", source="postgres", postgres=True, query_timeout="3s", source_timeout="1s")
    try:
        rig.set_case("p0", 0)
        rig.binwatch.start()
        rig.wait_metric("pg_up 1", lambda m: m.get("pg_up") == 1)

        print("  PostgreSQL stopped", flush=True)
        rig.pg.stop()
        observe(rig, result, "PostgreSQL stopped", 5,
                lambda f, l: (l.get("pg_up") == 0 and "fault_value{case=\"p0\"}" not in l,
                              "pg_up 0 and the table's series gone (stale)"))
        print("  PostgreSQL started again", flush=True)
        rig.pg.start()
        rig.wait_metric("pg_up 1 after the restart", lambda m: m.get("pg_up") == 1 and 'fault_value{case="p0"}' in m)
        result.check("restart: binwatch reconnected by itself (pg_up 1, series back)", True)

        print("  slow query: pg_sleep(2.5) in the collector query (source timeout 1s)", flush=True)
        rig.pg.psql("UPDATE fault_delay SET seconds = 2.5")
        observe(rig, result, "slow query", 5,
                lambda f, l: (metric(l, "binwatch_source_timeouts_total", SRC) > metric(f, "binwatch_source_timeouts_total", SRC)
                              and metric(l, "binwatch_source_up", SRC) == 0,
                              "binwatch_source_timeouts_total{source=wms} rises, binwatch_source_up 0"))
        rig.pg.psql("UPDATE fault_delay SET seconds = 0")
        rig.wait_metric("source up after the slow query", lambda m: metric(m, "binwatch_source_up", SRC) == 1)
        result.check("slow query: binwatch_source_up back to 1 once the query is fast", True)

        print("  lock wait: another session holds ACCESS EXCLUSIVE on the table (query_timeout 3s)", flush=True)
        errors_before = metric(rig.metrics(), "binwatch_sql_query_errors_total", "") or 0
        holder = rig.pg.hold("BEGIN; LOCK TABLE fault_condition IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3600);")
        try:
            observe(rig, result, "lock wait", 7,
                    lambda f, l: (metric(l, "binwatch_source_timeouts_total", SRC) > metric(f, "binwatch_source_timeouts_total", SRC)
                                  and metric(l, "binwatch_source_up", SRC) == 0,
                                  "binwatch_source_timeouts_total{source=wms} rises, binwatch_source_up 0"))
        finally:
            rig.pg.release_holds()
            holder.wait()
        after = rig.wait_metric("source up after the lock",
                                lambda m: m if metric(m, "binwatch_source_up", SRC) == 1 and m.get("pg_up") == 1 else None,
)
        errors_after = metric(after, "binwatch_sql_query_errors_total", "") or 0
        result.check("lock wait: the server-side statement timeout (3s) counted in binwatch_sql_query_errors_total",
                     errors_after > errors_before, f"{errors_before} before, {errors_after} after")
        result.check("lock wait: recovered once the lock holder went away", True)

        print("  connections exhausted: max_connections 6, all held, binwatch's session dropped", flush=True)
        exhaust(rig, result)

        print("  end to end after all that: an alert fires and resolves", flush=True)
        rig.set_case("p0", 1)
        rig.wait_delivered("p0", "firing", rig.receivers.direct)
        rig.set_case("p0", 0)
        rig.wait_delivered("p0", "resolved", rig.receivers.direct)
        rig.wait_quiet()  # a retry or resend in flight would show as a duplicate now
        rig.check_ledger(result, {(rig.group("p0"), "firing"): 1, (rig.group("p0"), "resolved"): 1}, rig.receivers.direct)
        problem = rig.state_problem()
        result.check("state DB integrity_check ok", problem is None, problem or "")
    finally:
        rig.close()
    return result


def exhaust(rig, result):
    """Holds every one of the 6 connection slots, then drops binwatch's session: its
    reconnect attempts meet 'too many clients' until the slots are released. The slots are
    taken through a second socket directory binwatch does not know, so binwatch cannot
    race the hogs for a freed slot."""
    pg = rig.pg
    hidden = os.path.join(pg.directory, "hidden")
    os.makedirs(hidden, exist_ok=True)
    os.chmod(hidden, 0o777)
    socket_name = ".s.PGSQL.5432"
    pg.stop()
    saved_dir = pg.directory
    pg.directory = hidden
    try:
        exhaust_held(rig, result, pg, hidden, saved_dir, socket_name)
    finally:
        pg.directory = saved_dir
        if os.path.islink(os.path.join(saved_dir, socket_name)):
            os.unlink(os.path.join(saved_dir, socket_name))
    pg.stop()
    pg.start()
    rig.wait_metric("pg_up 1 after the normal restart", lambda m: m.get("pg_up") == 1)


def exhaust_held(rig, result, pg, hidden, saved_dir, socket_name):
    """Starts the server with its socket in hidden/ only, fills every slot, then lets binwatch in.
    The hogs sleep until they are killed: with client_connection_check_interval the server
    notices a hog's client is gone and ends its backend, so the slots are held exactly as
    long as the scenario needs, however slowly the hogs got their connections."""
    # pg_ctl -D still points at the data dir in the original folder.
    pg._ctl("-D", f"{saved_dir}/data", "-l", f"{saved_dir}/server.log", "-w", "-o",
            f"-k {hidden} -c listen_addresses='' -c fsync=off -c max_connections={pg.max_connections} "
            f"-c superuser_reserved_connections=0 -c client_connection_check_interval=200ms", "start")
    hogs = [pg.hold("SELECT pg_sleep(3600)") for _ in range(pg.max_connections)]
    try:
        def held():
            # A hog that lost the race for a slot (to this check's own psql, on a slow machine)
            # has exited; start it again, or one slot stays free for good.
            for index, hog in enumerate(hogs):
                if hog.poll() is not None:
                    hogs[index] = pg.hold("SELECT pg_sleep(3600)")
            try:
                pg.psql("SELECT 1")
                return False  # a slot was still free
            except Exception as error:  # the slots are full: psql itself is refused
                message = str(getattr(error, "stderr", error))
                if "too many clients" not in message:
                    print("    (psql: " + message.strip()[-200:] + ")", flush=True)
                return "too many clients" in message
        wait_until("all connection slots held", held, timeout=120, every=0.5)
        log = os.path.join(saved_dir, "server.log")
        refused_before = open(log).read().count("too many clients")
        os.symlink(os.path.join(hidden, socket_name), os.path.join(saved_dir, socket_name))
        # The refusals are read from the server's log: binwatch's reconnect attempts follow its
        # backoff, so how many fit into a fixed window depends on the machine; wait for two.
        def refusals():
            return open(log).read().count("too many clients") - refused_before
        try:
            wait_until("two of binwatch's reconnects refused ('too many clients')", lambda: refusals() >= 2,
                       timeout=120)
        except TimeoutError:
            pass  # reported by the check below
        observe(rig, result, "connections exhausted", 4,
                lambda f, l: (l.get("pg_up") == 0, "pg_up 0 while every slot is held"))
        result.check("connections exhausted: binwatch's reconnects were refused by the server ('too many clients')",
                     refusals() >= 2, f"{refusals()} refusals in the server log")
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    rig.wait_metric("pg_up 1 once slots are free", lambda m: m.get("pg_up") == 1)
    result.check("connections exhausted: recovered once slots were released (pg_up 1)", True)
