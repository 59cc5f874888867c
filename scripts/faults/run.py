#!/usr/bin/env python3
"""binwatch's fault-injection suite: the real debug binary (`binwatch run`) against a real
PostgreSQL, real local Slack/PagerDuty/webhook receivers and a real Alertmanager, with
faults injected into each. Every check asserts on values and prints what differed.

usage: run.py [--binary PATH] [--seed N] [--kill-runs N] [--only NAME ...] [--report FILE.json]

Scenarios: receivers, postgres, textfile, sigkill, history, wal-disk. --seed fixes the SIGKILL delays
(printed, so a failing run can be replayed); --report writes the results as JSON for
scripts/reliability-report.py. Exit status 1 when any check failed. KEEP=1 keeps temp dirs.
"""
import argparse
import json
import os
import random
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scenario_history  # noqa: E402
import scenario_postgres  # noqa: E402
import scenario_receivers  # noqa: E402
import scenario_sigkill  # noqa: E402
import scenario_textfile  # noqa: E402
import scenario_wal_disk  # noqa: E402
from processes import ROOT  # noqa: E402
from rig import Result  # noqa: E402

SCENARIOS = {
    "receivers": scenario_receivers.run,
    "postgres": scenario_postgres.run,
    "textfile": scenario_textfile.run,
    "sigkill": scenario_sigkill.run,
    "history": scenario_history.run,
    "wal-disk": scenario_wal_disk.run,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "binwatch"))
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--kill-runs", type=int, default=50)
    parser.add_argument("--history-restarts", type=int, default=20)
    parser.add_argument("--only", nargs="*", choices=sorted(SCENARIOS))
    parser.add_argument("--report")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
    print(f"fault suite: seed {seed} (replay with --seed {seed}), binary {args.binary}", flush=True)
    if not os.access(args.binary, os.X_OK):
        print(f"FAILED: {args.binary} is not built (scripts/setup.sh builds it)")
        return 1
    started = time.monotonic()
    results = []
    for name in args.only or list(SCENARIOS):
        print(f"== {name}", flush=True)
        t0 = time.monotonic()
        try:
            if name == "sigkill":
                result = SCENARIOS[name](args.binary, seed, runs=args.kill_runs)
            elif name == "history":
                result = SCENARIOS[name](args.binary, seed, restarts=args.history_restarts)
            else:
                result = SCENARIOS[name](args.binary, seed)
        except Exception as error:  # a scenario that could not finish is a failure, with its cause
            result = Result(name, "(scenario aborted)")
            result.check(f"{name} ran to the end", False, f"{type(error).__name__}: {error}")
            traceback.print_exc()
        result.seconds = time.monotonic() - t0
        print(f"   {name}: {'passed' if result.ok else 'FAILED'} in {result.seconds:.1f}s "
              f"(lost {result.lost}, duplicated {result.duplicated}, in flight at a kill {result.in_flight}, {result.notifications} notifications)", flush=True)
        results.append(result)
    total = time.monotonic() - started
    failed = [r for r in results if not r.ok]
    print(f"fault suite: {len(results) - len(failed)}/{len(results)} scenarios passed, "
          f"{sum(len(r.checks) for r in results)} checks, in {total:.0f}s (seed {seed})")
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"seed": seed, "seconds": total, "scenarios": [
                {"name": r.name, "fault": r.fault, "ok": r.ok, "seconds": r.seconds, "lost": r.lost,
                 "duplicated": r.duplicated, "in_flight": r.in_flight, "notifications": r.notifications, "notes": r.notes,
                 "checks": [{"check": c, "ok": ok, "detail": d} for c, ok, d in r.checks]} for r in results]}, f, indent=1)
    for r in failed:
        for c, ok, d in r.checks:
            if not ok:
                print(f"FAILED {r.name}: {c}: {d}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
