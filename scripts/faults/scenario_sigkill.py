"""SIGKILL at random points in N consecutive runs (default 50), restarting at once each time.

Run i raises case k<i> (pending -> firing -> notified everywhere) and lowers it again;
the resolve of k<i> overlaps run i+1, so a kill lands anywhere in: evaluation, pending,
group_wait, delivery (to Slack, PagerDuty, webhook and a real Alertmanager), resolve.
Case s0 fires once at the start and stays firing through every restart. The delay of
each kill is drawn from a seeded generator and printed, so a failure can be replayed.

After each kill, while binwatch is down: the textfile is complete and accepted, and the
state DB passes PRAGMA integrity_check. After each restart: every alert the state file held
as firing (and whose condition still holds) is firing with its original activeAt, and no receiver
got any (group, state) twice. At the end every (group, state) reached every receiver
exactly once (one firing and one resolved per case).
"""
import random
import sqlite3
import threading
import time

from processes import saved_alerts, wait_until
from rig import ALERT, Result, Rig

MAX_KILL_DELAY = 3.0
# A resend of binwatch's own notifications is "in flight at the kill" when the killed run had
# not logged (so not recorded) that delivery: see Receiver.in_flight_resends. The window only
# applies to what the real Alertmanager sends on.
KILL_WINDOW = 0.5


def run(binary, seed, runs=50):
    result = Result("sigkill", f"SIGKILL at a random point (0-{MAX_KILL_DELAY:.0f}s into the run) in {runs} consecutive "
                    "runs, restart at once; alerts firing and resolving across the kills")
    rng = random.Random(seed)
    rig = Rig(binary, "sigkill", alertmanager=True)
    failures = {"textfile": [], "state": [], "activeAt": [], "duplicate": [], "restored": []}
    try:
        rig.set_case("s0", 1)
        rig.binwatch.start()
        rig.wait_delivered("s0", "firing")
        steady_active = rig.binwatch.alerts()[(ALERT, "s0")][1]
        expected = {(rig.group("s0"), "firing"): 1}
        previous = None
        for i in range(runs):
            case = f"k{i:02d}"
            delay = rng.uniform(0, MAX_KILL_DELAY)
            firing_before = {}
            killer = threading.Thread(target=kill_and_restart, args=(rig, delay, firing_before, failures, i))
            started = time.monotonic()
            killer.start()
            rig.set_case(case, 1)
            rig.wait_delivered(case, "firing")
            rig.set_case(case, 0)
            killer.join()
            expected[(rig.group(case), "firing")] = 1
            expected[(rig.group(case), "resolved")] = 1
            if previous:
                rig.wait_delivered(previous, "resolved")
            previous = case
            now = rig.binwatch.alerts().get((ALERT, "s0"))
            if not now or now != ("firing", steady_active):
                failures["activeAt"].append(f"run {i}: s0 is {now}, was firing since {steady_active}")
            for r in rig.receivers.all:
                counts, _ = r.ledger()
                in_flight = r.in_flight_resends(rig.binwatch, KILL_WINDOW)
                for key, n in counts.items():
                    if n - in_flight.get(key, 0) > 1:
                        failures["duplicate"].append(f"run {i}: {r.kind} got {key} {n} times: {r.explain(key, rig.binwatch)}")
            print(f"  run {i:2d}: kill after {delay:.2f}s, run took {time.monotonic() - started:.1f}s", flush=True)
        rig.wait_delivered(previous, "resolved")
        rig.set_case("s0", 0)
        rig.wait_delivered("s0", "resolved")
        expected[(rig.group("s0"), "resolved")] = 1
        rig.wait_quiet()  # a retry or resend in flight would show as a duplicate now
        result.equal("binwatch was started once and restarted after every kill", rig.binwatch.starts, runs + 1)
        result.check(f"after each of {runs} kills, binwatch down: textfile complete, accepted by binwatch check metrics",
                     not failures["textfile"], "; ".join(failures["textfile"][:3]))
        result.check(f"after each of {runs} kills, binwatch down: state DB integrity_check ok",
                     not failures["state"], "; ".join(failures["state"][:3]))
        result.check("after each restart: every alert saved firing is still firing with its original activeAt",
                     not failures["restored"], "; ".join(failures["restored"][:3]))
        result.check(f"s0 firing since the start kept its activeAt {steady_active} through {runs} restarts, one page only",
                     not failures["activeAt"], "; ".join(failures["activeAt"][:3]))
        result.check("after each run: no receiver got any (group, state) twice (resends of a copy the killed run had not recorded excepted)",
                     not failures["duplicate"], "; ".join(failures["duplicate"][:3]))
        rig.check_ledger(result, expected, kill_window=KILL_WINDOW)
        am = rig.am.alerts()
        result.check("Alertmanager: no alert left active (every case resolved there too)",
                     not [a for a in am if a.get("status", {}).get("state") == "active"],
                     str([a["labels"] for a in am if a.get("status", {}).get("state") == "active"])[:300])
        problem = rig.state_problem()
        result.check("state DB integrity_check ok at the end", problem is None, problem or "")
        result.notes.append(f"seed {seed}, kill delays uniform in [0, {MAX_KILL_DELAY}]s")
    finally:
        rig.close()
    return result


def kill_and_restart(rig, delay, firing_before, failures, run_index):
    time.sleep(delay)
    try:
        firing_before.update({k: v for k, v in rig.binwatch.alerts().items() if v[0] == "firing"})
    except OSError:
        pass  # between the snapshot and a restart: nothing to compare this run
    rig.binwatch.kill()
    # Restored must be what was durable at the kill: an alert the API showed firing, in the
    # moment between its evaluation and the cycle's state write, was never saved, and
    # evaluating it afresh after the restart is right (its page had not been sent either:
    # the ledger checks that).
    try:
        saved = saved_alerts(rig.state)
    except (sqlite3.Error, OSError, ValueError) as error:
        failures["state"].append(f"run {run_index}: saved alerts unreadable: {error}")
        saved = {}
    for key in list(firing_before):
        if saved.get(key) != "firing":
            del firing_before[key]
    problem = rig.textfile_problem()
    if problem:
        failures["textfile"].append(f"run {run_index}: {problem}")
    problem = rig.state_problem()
    if problem:
        failures["state"].append(f"run {run_index}: {problem}")
    rig.binwatch.start()
    check_restored(rig, firing_before, failures, run_index)


def check_restored(rig, firing_before, failures, run_index):
    """Alerts firing before the kill whose condition still holds come back firing, same activeAt.
    The group's first evaluation after a restart may come a moment after /-/ready."""
    for (alertname, case), (state, active_at) in firing_before.items():
        if rig.values.get(case) != 1:
            continue  # lowered meanwhile: resolving is right
        try:
            now = wait_until(f"{case} restored", lambda: rig.binwatch.alerts().get((alertname, case)))
        except TimeoutError:
            now = None
        if now != ("firing", active_at) and rig.values.get(case) == 1:
            failures["restored"].append(f"run {run_index}: {case} was firing since {active_at}, after restart {now}")
