#!/usr/bin/env bash
# WAL benchmark (issue 15): start-up replay of 1h of samples at 15s for 10k and 100k series
# (2.4M and 24M samples), binwatch against Prometheus 2.42 in the same run.
#   binwatch: `binwatch debug wal-bench fill` runs the daemon's own path (a scheduler gathering
#   N series a cycle into the WAL beside its state file, no checkpoint in the hour); `replay`
#   times the start-up replay into a new store (median of 3).
#   Prometheus: fresh TSDB filled with the same samples through --web.enable-remote-write-receiver
#   (Benchmarks/wal/remote_write_fill.py), stopped with SIGTERM, then each start timed from exec
#   to /-/ready (median of 3).
#   Bytes per sample: each one's WAL folder after the fill over the samples it holds (Prometheus
#   2.42 compresses its WAL with snappy by default; binwatch does not compress).
# usage (by hand): Benchmarks/wal/run.sh [SERIES...]   default: 10000 100000
# BINWATCH_BENCH_JSON=/path/file.json writes the figures as JSON (docs/PERFORMANCE.md);
# BINWATCH_BENCH_QUICK=1 runs 1000 and 10000 series.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=("$@")
if [[ ${#sizes[@]} -eq 0 ]]; then
    if [[ ${BINWATCH_BENCH_QUICK:-0} == 1 ]]; then sizes=(1000 10000); else sizes=(10000 100000); fi
fi
TMP=$(mktemp -d /tmp/binwatch-bench-wal.XXXXXX)
PROM_PID=
cleanup() { [[ -n $PROM_PID ]] && kill "$PROM_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

swift build -c release --product binwatch --package-path "$root" >/dev/null 2>&1 \
    || swift build -c release --product binwatch --package-path "$root"
binwatch="$root/.build/release/binwatch"
prometheus --version 2>&1 | head -1

prom_start() {  # dir port
    prometheus --config.file="$1/prometheus.yml" --storage.tsdb.path="$1/data" --web.listen-address="127.0.0.1:$2" \
        --web.enable-remote-write-receiver --storage.tsdb.retention.time=30d >>"$1/prometheus.log" 2>&1 &
    PROM_PID=$!
    until curl -sf "http://127.0.0.1:$2/-/ready" >/dev/null; do
        kill -0 "$PROM_PID" 2>/dev/null || { echo "prometheus exited:"; tail -5 "$1/prometheus.log"; exit 1; }
        sleep 0.01
    done
}
prom_stop() { kill -TERM "$PROM_PID"; wait "$PROM_PID" 2>/dev/null || true; PROM_PID=; }

: >"$TMP/rows.tsv"
for series in "${sizes[@]}"; do
    samples=$((series * 240))
    start=$(( ($(date +%s) - 3600) / 15 * 15 * 1000 ))
    echo "== $series series x 240 samples ($samples samples)"
    # binwatch
    bw="$TMP/binwatch-$series"
    t0=$(now); "$binwatch" debug wal-bench fill --dir "$bw" --series "$series" --start "$start" >/dev/null; t1=$(now)
    printf 'binwatch fill (daemon cycles): %.1f s\n' "$(echo "$t1 - $t0" | bc)"
    bw_bytes=$(du -sb "$bw/wal" | cut -f1)
    bw_runs=()
    for _ in 1 2 3; do
        out=$("$binwatch" debug wal-bench replay --dir "$bw" --series "$series" --start "$start" 2>"$TMP/replay.err")
        bw_runs+=("$(awk '/^replay_seconds/ {print $2}' <<<"$out")")
        rss=$(awk '/^rss_mib/ {print $2}' <<<"$out")
    done
    grep -o 'samples=[0-9]* .*series=[0-9]*' "$TMP/replay.err" | tail -1
    bw_replay=$(median "${bw_runs[@]}")
    # Prometheus
    pd="$TMP/prometheus-$series"; mkdir -p "$pd"
    printf 'global: {scrape_interval: 1h}\n' >"$pd/prometheus.yml"
    port=$(free_port)
    prom_start "$pd" "$port"
    t0=$(now); python3 "$root/Benchmarks/wal/remote_write_fill.py" "http://127.0.0.1:$port/api/v1/write" "$series" 60 "$start"; t1=$(now)
    printf 'prometheus fill (remote write): %.1f s\n' "$(echo "$t1 - $t0" | bc)"
    count=$(curl -s "http://127.0.0.1:$port/api/v1/query" --data-urlencode 'query=sum(count_over_time(bench_value[2h]))' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["result"][0]["value"][1])')
    prom_stop
    prom_bytes=$(du -sb "$pd/data/wal" | cut -f1)
    prom_runs=()
    for _ in 1 2 3; do
        t0=$(now); prom_start "$pd" "$port"; t1=$(now)
        prom_runs+=("$(echo "$t1 - $t0" | bc)")
        prom_stop
    done
    prom_replay=$(median "${prom_runs[@]}")
    printf 'replay: binwatch %s s (runs %s; peak RSS %s MiB), prometheus %s s to /-/ready (runs %s; it holds %s samples)\n' \
        "$bw_replay" "${bw_runs[*]}" "$rss" "$prom_replay" "${prom_runs[*]}" "$count"
    printf 'WAL bytes: binwatch %s (%.2f B/sample), prometheus %s (%.2f B/sample)\n' \
        "$bw_bytes" "$(echo "$bw_bytes / $samples" | bc -l)" "$prom_bytes" "$(echo "$prom_bytes / $samples" | bc -l)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$series" "$bw_replay" "$prom_replay" "$bw_bytes" "$prom_bytes" "$samples" >>"$TMP/rows.tsv"
    rm -rf "$bw" "$pd"
done

if [[ -n ${BINWATCH_BENCH_JSON:-} ]]; then
    python3 - "$TMP/rows.tsv" "$BINWATCH_BENCH_JSON" <<'PY'
import json, sys
rows = []
for line in open(sys.argv[1]):
    series, bw, prom, bw_bytes, prom_bytes, samples = line.split("\t")
    series, samples = int(series), int(samples)
    setup = f"{series // 1000}k series x 1h at 15s ({samples / 1e6:g}M samples)"
    rows.append({"name": f"WAL replay, {setup}", "binwatch": round(float(bw), 3), "anchor": round(float(prom), 3),
                 "anchor_name": "Prometheus 2.42", "unit": "s",
                 "note": "binwatch: replay into the store (median of 3); Prometheus: exec to /-/ready after SIGTERM (median of 3)"})
    rows.append({"name": f"WAL bytes per sample, {setup}", "binwatch": round(int(bw_bytes) / samples, 2),
                 "anchor": round(int(prom_bytes) / samples, 2), "anchor_name": "Prometheus 2.42", "unit": "B",
                 "note": "WAL folder after the fill / samples (Prometheus: snappy-compressed WAL, its default)"})
json.dump({"area": "wal", "rows": rows}, open(sys.argv[2], "w"), indent=2)
print(f"figures written to {sys.argv[2]}")
PY
fi
