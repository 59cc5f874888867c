"""Receivers that refuse connections, hang past the 5s timeout, answer 500 N times, 429 with
Retry-After, or garbage, then recover; a real Alertmanager gets the alerts forwarded.
Each (group, state) must reach each receiver exactly once."""
from rig import Rig, Result

# binwatch's request timeout here. Long enough that a receiver answering late on a loaded
# machine is not mistaken for a hang (a retry of a copy the receiver did answer would be a
# duplicate that says nothing about binwatch); the hangs last well past it.
HTTP_TIMEOUT = 5
HANG = f"hang:{HTTP_TIMEOUT * 2 + 2}"

# Per round: what each receiver does to the next attempts, for the firing and again for
# the resolved notification. "refuse" closes the port for REFUSE_SECONDS.
ROUNDS = [
    {"slack": "refuse", "pagerduty": ["status:500"] * 3, "webhook": ["status:429:2"] * 2},
    {"slack": [HANG] * 2, "pagerduty": ["garbage"] * 2, "webhook": "refuse"},
    {"slack": ["status:503", "status:429:1"], "pagerduty": [HANG], "webhook": ["garbage", "status:500"]},
]
REFUSE_SECONDS = 3.0


def describe(fault):
    return fault if isinstance(fault, str) else " then ".join(fault)


def run(binary, seed):
    result = Result("receivers", "receivers refuse, hang past the timeout, answer 500 xN, 429 + Retry-After, garbage; "
                    "then recover (real Alertmanager forwarded to)")
    rig = Rig(binary, "receivers", alertmanager=True, http_timeout=HTTP_TIMEOUT)
    try:
        rig.binwatch.start()
        expected = {}
        import time
        for index, faults in enumerate(ROUNDS):
            case = f"r{index}"
            for state, value in (("firing", 1), ("resolved", 0)):
                refused = []
                for r in rig.receivers.direct:
                    fault = faults[r.kind]
                    if fault == "refuse":
                        r.refuse()
                        refused.append(r)
                    else:
                        r.set_faults(fault)
                print(f"  round {index} {state}: " + ", ".join(f"{k} {describe(v)}" for k, v in faults.items()), flush=True)
                rig.set_case(case, value)
                if refused:
                    time.sleep(REFUSE_SECONDS)
                    for r in refused:
                        r.accept()
                rig.wait_delivered(case, state)
                expected[(rig.group(case), state)] = 1
        rig.wait_quiet()  # a retry or resend in flight would show as a duplicate now
        rig.check_ledger(result, expected)
        check_retry_timing(result, rig)
        metrics = rig.metrics()
        for integration in ("slack", "pagerduty", "webhook"):
            failed = sum(v for k, v in metrics.items()
                         if k.startswith("binwatch_notifications_failed_total{") and f'integration="{integration}"' in k)
            attempts = rig.receivers.direct[["slack", "pagerduty", "webhook"].index(integration)].attempts()
            result.check(f"{integration}: failures counted in binwatch_notifications_failed_total",
                         failed >= 4, f"{failed} counted ({attempts} attempts seen by the receiver)")
        am = rig.am.alerts()
        result.check("Alertmanager: every forwarded alert is resolved (none active in GET /api/v2/alerts)",
                     not [a for a in am if a.get("status", {}).get("state") == "active"], str(am)[:300])
        problem = rig.textfile_problem()
        result.check("textfile complete and accepted by binwatch check metrics --textfile", problem is None, problem or "")
    finally:
        rig.close()
    return result


def check_retry_timing(result, rig):
    """Retry-After honoured (next attempt >= the asked seconds later); a hang counts as a
    failure at the timeout (the next attempt comes after the hang began)."""
    for r in rig.receivers.direct:
        requests = list(r.requests)
        for i, req in enumerate(requests[:-1]):
            answer, gap = req["answer"], requests[i + 1]["at"] - req["at"]
            if answer.startswith("status:429:"):
                want = float(answer.split(":")[2])
                result.check(f"{r.kind}: the attempt after a 429 with Retry-After {want:.0f} waited for it",
                             gap >= want - 0.05, f"next attempt {gap:.2f}s later")
            if answer.startswith("hang:"):
                result.check(f"{r.kind}: a hung request was given up (timeout {HTTP_TIMEOUT}s) and retried",
                             gap >= HTTP_TIMEOUT - 0.1, f"next attempt {gap:.2f}s later")
