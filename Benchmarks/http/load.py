#!/usr/bin/env python3
"""Query-API load for Benchmarks/http/run.sh: instant queries from concurrent clients,
while the daemon's cycle durations are sampled from its /metrics.

  load.py cycles BASE SECONDS OUT.json          sample cycle durations for SECONDS
  load.py queries BASE QUERIES.txt TIME N CLIENTS   N queries, print queries/s and statuses
  load.py export BASE START END STEP OUT.om     binwatch's store as OpenMetrics (for promtool backfill)
"""
import json, sys, threading, time, urllib.parse, urllib.request


def metrics(base):
    values = {}
    with urllib.request.urlopen(base + "/metrics", timeout=60) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("binwatch_cycle_duration_seconds ") or line.startswith("binwatch_cycles_total "):
                name, value = line.split()
                values[name] = float(value)
    return values


def sample_cycles(base, seconds, stop=None, seen=None):
    """Distinct cycles seen (cycles_total -> duration) during `seconds` or until stop is set,
    filled into `seen` as they come."""
    seen = {} if seen is None else seen
    end = time.time() + seconds
    while time.time() < end and not (stop and stop.is_set()):
        try:
            m = metrics(base)
            seen[int(m["binwatch_cycles_total"])] = m["binwatch_cycle_duration_seconds"]
        except Exception:
            pass
        time.sleep(0.2)
    return seen


def p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)] if values else float("nan")


def run_queries(base, queries, at, n, clients):
    lock = threading.Lock()
    counter = [0]
    statuses = {}

    def worker():
        while True:
            with lock:
                if counter[0] >= n:
                    return
                i = counter[0]
                counter[0] += 1
            q = queries[i % len(queries)]
            url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": q, "time": at})
            try:
                with urllib.request.urlopen(url, timeout=300) as r:
                    r.read()
                    status = r.status
            except urllib.error.HTTPError as e:
                status = e.code
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    start = time.time()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    return n / elapsed, elapsed, statuses


def main():
    mode = sys.argv[1]
    if mode == "cycles":
        base, seconds, out = sys.argv[2], float(sys.argv[3]), sys.argv[4]
        seen = sample_cycles(base, seconds)
        json.dump({"cycles": len(seen), "p95": p95(list(seen.values()))}, open(out, "w"))
    elif mode == "queries":
        base, qfile, at, n, clients = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
        queries = [l.strip() for l in open(qfile) if l.strip()]
        qps, elapsed, statuses = run_queries(base, queries, at, n, clients)
        print(json.dumps({"qps": qps, "seconds": elapsed, "statuses": statuses}))
    elif mode == "loaded-cycles":
        # Query rounds (N from CLIENTS) back to back while sampling cycles, until MIN cycles were seen.
        base, qfile, at, n, clients, min_cycles, out = sys.argv[2:9]
        queries = [l.strip() for l in open(qfile) if l.strip()]
        stop = threading.Event()
        seen = {}
        sampler = threading.Thread(target=lambda: sample_cycles(base, 1e9, stop, seen))
        sampler.start()
        rounds = []
        first = None
        while True:
            before = len(seen)
            qps, elapsed, statuses = run_queries(base, queries, at, int(n), int(clients))
            rounds.append({"qps": qps, "seconds": elapsed, "statuses": statuses})
            if len(dict(seen)) >= int(min_cycles) + 1:
                break
        stop.set()
        sampler.join()
        cycles = sorted(seen)[1:]  # the first was already running when the load began
        json.dump({"cycles": len(cycles), "p95": p95([seen[c] for c in cycles]), "rounds": rounds}, open(out, "w"))
    elif mode == "export":
        base, start, end, step, out = sys.argv[2:7]
        url = base + "/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": '{__name__=~".+"}', "start": start, "end": end, "step": step})
        data = json.load(urllib.request.urlopen(url, timeout=600))["data"]["result"]
        data.sort(key=lambda s: (s["metric"].get("__name__", ""), sorted(s["metric"].items())))
        with open(out, "w") as f:
            for series in data:
                labels = dict(series["metric"])
                name = labels.pop("__name__")
                text = ",".join('%s="%s"' % (k, v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n"))
                                for k, v in sorted(labels.items()))
                for t, v in series["values"]:
                    f.write("%s{%s} %s %s\n" % (name, text, v, t))
            f.write("# EOF\n")
        print(len(data))


main()
