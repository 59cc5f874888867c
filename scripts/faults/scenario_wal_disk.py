"""The series WAL's folder filled up, then given space back (issue 15).

The WAL folder (`wal/` beside the state file) is a 2 MiB tmpfs mounted before binwatch starts
(root with CAP_SYS_ADMIN; without mount the scenario says so and checks nothing else); full
is a filler file up to ENOSPC. Read-only is not injected: `mount -o remount,ro` is refused
(EBUSY) while binwatch holds the open segment, and a folder that is read-only from the start
takes the same path as a full one (the writer cannot open, each cycle retries a checkpoint). The state file stays
on the normal disk, so alert state and notifications are not under test here, only whether
they go on.

Checks per fault: evaluation and notifications go on (an alert raised during the fault is
delivered), `binwatch_tsdb_wal_writes_failed_total` rises on /metrics and the failure is
logged; once the folder takes writes again the log says `WAL writes resumed`, and after a
SIGTERM restart the samples gathered during the fault are in the replayed store (history
resumed in full, not only from the moment space returned).
"""
import os
import subprocess
import urllib.parse
import urllib.request
import json

from processes import parse_samples, wait_until
from rig import Result, Rig


def api_metrics(rig):
    with urllib.request.urlopen(rig.binwatch.api + "/metrics", timeout=30) as response:
        return parse_samples(response.read().decode())


def query(rig, expr):
    url = rig.binwatch.api + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=30) as response:
        return [float(r["value"][1]) for r in json.load(response)["data"]["result"]]


def fill(base):
    fd = os.open(os.path.join(base, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 65536) > 0:
            pass
    except OSError:
        pass  # ENOSPC
    finally:
        os.close(fd)


def run(binary, seed):
    result = Result("wal-disk", "series WAL folder full (ENOSPC), then given space again, twice")
    rig = Rig(binary, "wal-disk")
    wal = os.path.join(rig.dir, "wal")
    os.makedirs(wal, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", wal], capture_output=True).returncode == 0
    try:
        if not mounted:
            result.notes.append("mount not permitted: the WAL disk faults need a tmpfs; nothing checked")
            result.check("tmpfs mount for the WAL folder (skipped: not permitted here)", True)
            return result
        rig.set_case("w0", 0)
        rig.binwatch.start()
        rig.wait_metric("first cycles", lambda m: m.get("binwatch_cycles_total", 0) >= 2)
        faults = [
            ("full", lambda: fill(wal), lambda: os.unlink(os.path.join(wal, "filler"))),
            ("full again", lambda: fill(wal), lambda: os.unlink(os.path.join(wal, "filler"))),
        ]
        for index, (name, inject, restore) in enumerate(faults, start=1):
            case = f"w{index}"
            failed_before = api_metrics(rig).get("binwatch_tsdb_wal_writes_failed_total", 0)
            logged_before = rig.binwatch.log_count("WAL write failed")
            resumed_before = rig.binwatch.log_count("WAL writes resumed")
            print(f"  {name}", flush=True)
            inject()
            cycles_before = api_metrics(rig)["binwatch_cycles_total"]
            rig.set_case(case, 1)
            rig.wait_delivered(case, "firing", rig.receivers.direct)
            wait_until("WAL write failures counted", lambda: api_metrics(rig).get("binwatch_tsdb_wal_writes_failed_total", 0) >= failed_before + 2)
            stats = api_metrics(rig)
            rig.set_case(case, 0)
            restore()
            result.check(f"{name}: evaluation and notifications went on (firing {case} delivered to every receiver)",
                         stats["binwatch_cycles_total"] - cycles_before >= 2, f"{stats['binwatch_cycles_total'] - cycles_before} cycles")
            failed = stats.get("binwatch_tsdb_wal_writes_failed_total", 0) - failed_before
            result.check(f"{name}: counted in binwatch_tsdb_wal_writes_failed_total on /metrics", failed >= 2, f"+{failed}")
            result.check(f"{name}: logged ('WAL write failed')", rig.binwatch.log_count("WAL write failed") > logged_before,
                         "no new line")
            wait_until("WAL writes resumed", lambda: rig.binwatch.log_count("WAL writes resumed") > resumed_before)
            result.check(f"{name}: writes resumed once writable (logged 'WAL writes resumed')", True)
            rig.wait_delivered(case, "resolved", rig.receivers.direct)
            # History from the fault window survives a restart: case was 1 only while the WAL failed.
            rig.binwatch.terminate()
            rig.binwatch.start()
            seen = query(rig, f'max_over_time(fault_value{{case="{case}"}}[10m])')
            result.check(f"{name}: after a restart the samples gathered during the fault are replayed (max_over_time = 1)",
                         seen == [1.0], f"got {seen}")
        rig.wait_quiet()  # a resend in flight would show as a duplicate now
        rig.check_ledger(result, {(rig.group(f"w{i}"), state): 1 for i in range(1, len(faults) + 1)
                                  for state in ("firing", "resolved")}, rig.receivers.direct)
    finally:
        rig.close()
        if mounted:
            subprocess.run(["umount", "-l", wal], capture_output=True)
    return result
