"""The textfile directory made read-only, then full, then given back.

Where the machine allows `mount` (root with CAP_SYS_ADMIN), the directory is a 1 MiB
tmpfs: read-only is `mount -o remount,ro`, full is a filler file up to ENOSPC. Otherwise:
"full" is an injected write error, the running process's RLIMIT_FSIZE lowered below the
textfile's size with `prlimit` (write(2) then fails with EFBIG; binwatch is started with
SIGXFSZ ignored), and "read-only" is `chmod 0555` when not root (root ignores modes, so as
root without mount that fault is skipped and the report says so).

Checks: the previous textfile is never left half-written (sampled every 0.2s), the error
is logged ("textfile not written") and counted (binwatch_textfile_write_failures_total on
/metrics), the daemon keeps cycling and notifying, and the file is written again once
the directory is writable.
"""
import os
import subprocess
import time
import urllib.request

from processes import parse_samples
from rig import Result, Rig


def try_mount(path):
    os.makedirs(path, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", path], capture_output=True)
    return done.returncode == 0


def remount(path, mode):
    subprocess.run(["mount", "-o", f"remount,{mode}", path], check=True, capture_output=True)


def api_metrics(rig):
    with urllib.request.urlopen(rig.binwatch.api + "/metrics", timeout=30) as response:
        return parse_samples(response.read().decode())


def run(binary, seed):
    result = Result("textfile", "textfile directory read-only, then full, then writable again")
    base = f"/tmp/binwatch-faults-textfile-mnt.{os.getpid()}"
    # FAULTS_NO_MOUNT=1 exercises the fallback on a machine that could mount.
    mounted = not os.environ.get("FAULTS_NO_MOUNT") and try_mount(base)
    rig = Rig(binary, "textfile", textfile_dir=base if mounted else None)
    try:
        result.notes.append("tmpfs mount (1 MiB): remount,ro and ENOSPC" if mounted else
                            "mount not permitted: RLIMIT_FSIZE (EFBIG) for full" +
                            ("; chmod 0555 for read-only" if os.geteuid() != 0 else "; read-only skipped (root, no mount)"))
        print(f"  {result.notes[-1]}", flush=True)
        rig.set_case("t0", 0)
        rig.binwatch.start()
        rig.wait_metric("first textfile", lambda m: m.get("binwatch_cycles_total", 0) >= 1)
        case = 0
        faults = []
        if mounted:
            faults = [("read-only", lambda: remount(base, "ro"), lambda: remount(base, "rw")),
                      ("full", lambda: fill(base), lambda: os.unlink(os.path.join(base, "filler")))]
        else:
            pid = str(rig.binwatch.process.pid)
            if os.geteuid() != 0:
                faults.append(("read-only", lambda: os.chmod(rig.out_dir, 0o555), lambda: os.chmod(rig.out_dir, 0o755)))
            faults.append(("full (RLIMIT_FSIZE)",
                           lambda: subprocess.run(["prlimit", "--pid", pid, "--fsize=512:unlimited"], check=True),
                           lambda: subprocess.run(["prlimit", "--pid", pid, "--fsize=unlimited:unlimited"], check=True)))
        for name, inject, restore in faults:
            case += 1
            one_fault(rig, result, name, inject, restore, f"t{case}", notify=mounted)
        if not mounted:
            return result  # the fallback's limit hits the state file too: no notification checks
        rig.wait_quiet()  # a retry or resend in flight would show as a duplicate now
        rig.check_ledger(result, {(rig.group(f"t{i}"), state): 1 for i in range(1, case + 1)
                                  for state in ("firing", "resolved")}, rig.receivers.direct)
    finally:
        rig.close()
        if mounted:
            subprocess.run(["umount", "-l", base], capture_output=True)
        if os.path.isdir(base):
            os.rmdir(base)
    return result


def fill(base):
    """Writes a filler file until the tmpfs is full (ENOSPC)."""
    fd = os.open(os.path.join(base, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass  # ENOSPC: full
    finally:
        os.close(fd)


def one_fault(rig, result, name, inject, restore, case, notify=True):
    """One fault; with notify=False (RLIMIT_FSIZE, which also stops the state file's and
    outbox's writes) no alert is raised meanwhile."""
    before_text = open(rig.textfile).read()
    failures_before = api_metrics(rig).get("binwatch_textfile_write_failures_total", 0)
    logged_before = rig.binwatch.log_count("textfile not written")
    print(f"  {name}", flush=True)
    inject()
    # The daemon keeps notifying while it cannot write: an alert fires meanwhile.
    if notify:
        rig.set_case(case, 1)
    cycles_before = api_metrics(rig)["binwatch_cycles_total"]
    bad, samples, changed = [], 0, False
    # At least 4 s and at least 3 cycles of the fault: the checks below count per cycle, and
    # a loaded machine may fit fewer 1 s cycles into 4 s.
    deadline = time.monotonic() + 4
    give_up = time.monotonic() + 120
    while time.monotonic() < deadline or (api_metrics(rig)["binwatch_cycles_total"] < cycles_before + 3
                                          and time.monotonic() < give_up):
        problem = rig.textfile_problem()
        samples += 1
        if problem:
            bad.append(problem)
        time.sleep(0.2)
    if notify:
        rig.wait_delivered(case, "firing", rig.receivers.direct)
    frozen = open(rig.textfile).read()
    changed = frozen != before_text
    stats = api_metrics(rig)
    restore()
    result.check(f"{name}: the previous textfile stayed complete in all {samples} samples", not bad, "; ".join(bad[:2]))
    result.check(f"{name}: the previous textfile was left as it was (not replaced, not truncated)", not changed,
                 f"{len(before_text)} bytes before, {len(frozen)} during")
    failed = stats.get("binwatch_textfile_write_failures_total", 0) - failures_before
    result.check(f"{name}: counted in binwatch_textfile_write_failures_total on /metrics", failed >= 2, f"+{failed}")
    logged = rig.binwatch.log_count("textfile not written") - logged_before
    result.check(f"{name}: logged ('textfile not written')", logged >= 2, f"{logged} lines")
    cycles = stats["binwatch_cycles_total"] - cycles_before
    result.check(f"{name}: the daemon kept cycling" + (f" and notifying (firing {case} delivered)" if notify else ""),
                 cycles >= 2, f"{cycles} cycles")
    alert = f'ALERTS{{alertname="FaultAlert",alertstate="firing",case="{case}",severity="critical"}}'
    rig.wait_metric(f"textfile written again after {name}",
                    lambda m: m.get("binwatch_cycles_total", 0) > stats["binwatch_cycles_total"] and (not notify or alert in m))
    problem = rig.textfile_problem()
    result.check(f"{name}: written again once writable, complete, with the alert that fired meanwhile", problem is None,
                 problem or "")
    leftovers = [f for f in os.listdir(rig.out_dir) if f.startswith(".binwatch.prom.tmp")]
    result.check(f"{name}: no temporary files left behind", not leftovers, str(leftovers))
    if notify:
        rig.set_case(case, 0)
        rig.wait_delivered(case, "resolved", rig.receivers.direct)
