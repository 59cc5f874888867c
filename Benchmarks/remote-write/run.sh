#!/usr/bin/env bash
# Remote-write benchmark (issue 18): the same N series x 240 samples (1h at 15s) sent to the
# same VictoriaMetrics by binwatch and by Prometheus 2.42, in the same run.
#   binwatch: `binwatch debug wal-bench fill` writes the WAL through the daemon's own cycle path,
#   then `binwatch debug remote-write-bench` drains it with one remote_write queue from the WAL's
#   start (a queue catching up after an outage): wall time until the last batch is acknowledged,
#   process CPU (clock_gettime PROCESS_CPUTIME: reading the WAL, encoding, snappy, libcurl),
#   compressed bytes on the wire.
#   Prometheus: takes the same samples through --web.enable-remote-write-receiver
#   (Benchmarks/wal/remote_write_fill.py) with remote_write to the same VictoriaMetrics; wall time
#   from the fill's start until prometheus_remote_storage_samples_total reaches N x 240; its CPU is
#   the run's CPU minus the CPU of the same fill into a Prometheus without remote_write (the cost of
#   ingesting), both from /proc/PID/stat; bytes from prometheus_remote_storage_bytes_total.
#   Both use max_samples_per_send 500 (Prometheus 2.42's default); Prometheus shards as it likes.
# Timestamps: each run's hour of samples starts just after it (Prometheus's watcher skips samples
# older than its start), so the two tools send the same series and values at different times.
# usage (by hand): Benchmarks/remote-write/run.sh [SERIES...]   default: 1000 10000
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000 10000)
TMP=$(mktemp -d /tmp/binwatch-bench-rw.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done  # VictoriaMetrics flushes on exit
    rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
ticks=$(getconf CLK_TCK)
cpu_of() { awk -v t="$ticks" '{print ($14 + $15) / t}' "/proc/$1/stat"; }
metric_sum() {  # url name
    curl -s "$1/metrics" | awk -v n="$2" '$1 ~ "^"n"({|$)" {s += $NF} END {printf "%.0f\n", s}'
}

swift build -c release --product binwatch --package-path "$root" >/dev/null 2>&1 \
    || swift build -c release --product binwatch --package-path "$root"
binwatch="$root/.build/release/binwatch"
prometheus --version 2>&1 | head -1
victoria-metrics --version 2>&1 | head -1 || true
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

vm_port=$(free_port)
victoria-metrics -httpListenAddr="127.0.0.1:$vm_port" -storageDataPath="$TMP/vm" -retentionPeriod=10y >"$TMP/vm.log" 2>&1 &
PIDS+=($!)
until curl -sf "http://127.0.0.1:$vm_port/health" >/dev/null; do sleep 0.05; done
vm_url="http://127.0.0.1:$vm_port/api/v1/write"

prom_start() {  # dir port with_remote_write
    mkdir -p "$1"
    if [[ $3 == yes ]]; then
        printf 'global: {scrape_interval: 1h}\nremote_write:\n  - url: %s\n    queue_config: {max_samples_per_send: 500}\n' "$vm_url" >"$1/prometheus.yml"
    else
        printf 'global: {scrape_interval: 1h}\n' >"$1/prometheus.yml"
    fi
    prometheus --config.file="$1/prometheus.yml" --storage.tsdb.path="$1/data" --web.listen-address="127.0.0.1:$2" \
        --web.enable-remote-write-receiver >>"$1/prometheus.log" 2>&1 &
    PROM_PID=$!
    PIDS+=("$PROM_PID")
    until curl -sf "http://127.0.0.1:$2/-/ready" >/dev/null; do sleep 0.05; done
}

printf '%s\t%s\t%s\t%s\t%s\n' series tool samples_per_s cpu_s_per_million bytes_per_sample >"$TMP/rows.tsv"
for series in "${sizes[@]}"; do
    total=$((series * 240))
    # Prometheus's WAL watcher forwards only samples newer than its own start, so every run's
    # hour of samples starts just after now (the next 15s boundary + 15s).
    next_start() { echo $(( ($(date +%s) / 15 * 15 + 30) * 1000 )); }
    start=$(next_start)
    echo "== $series series x 240 samples ($total samples)"
    bw="$TMP/binwatch-$series"
    "$binwatch" debug wal-bench fill --dir "$bw" --series "$series" --start "$start" >/dev/null
    out=$("$binwatch" debug remote-write-bench --dir "$bw" --url "$vm_url" --max-samples-per-send 500)
    echo "$out" | sed 's/^/  binwatch: /'
    read -r s c b <<<"$(awk '/^samples /{n=$2} /^seconds /{s=$2} /^cpu_seconds /{c=$2} /^bytes /{b=$2} END {print s, c, b}' <<<"$out")"
    printf '%s\tbinwatch\t%.0f\t%.2f\t%.2f\n' "$series" "$(echo "$total / $s" | bc -l)" "$(echo "$c * 1000000 / $total" | bc -l)" \
        "$(echo "$b / $total" | bc -l)" >>"$TMP/rows.tsv"

    # Prometheus without remote_write: the CPU of ingesting the fill alone.
    port=$(free_port)
    prom_start "$TMP/prom-base-$series" "$port" no
    start=$(next_start)
    c0=$(cpu_of "$PROM_PID")
    python3 "$root/Benchmarks/wal/remote_write_fill.py" "http://127.0.0.1:$port/api/v1/write" "$series" 60 "$start" >/dev/null
    base_cpu=$(echo "$(cpu_of "$PROM_PID") - $c0" | bc -l)
    kill "$PROM_PID"; wait "$PROM_PID" 2>/dev/null || true

    # Prometheus with remote_write to the same VictoriaMetrics.
    port=$(free_port)
    prom_start "$TMP/prom-rw-$series" "$port" yes
    start=$(next_start)
    c0=$(cpu_of "$PROM_PID")
    t0=$(now)
    python3 "$root/Benchmarks/wal/remote_write_fill.py" "http://127.0.0.1:$port/api/v1/write" "$series" 60 "$start" >/dev/null
    until [[ $(metric_sum "http://127.0.0.1:$port" prometheus_remote_storage_samples_total) -ge $total ]]; do sleep 0.05; done
    t1=$(now)
    rw_cpu=$(echo "$(cpu_of "$PROM_PID") - $c0 - $base_cpu" | bc -l)
    bytes=$(metric_sum "http://127.0.0.1:$port" prometheus_remote_storage_bytes_total)
    sent=$(metric_sum "http://127.0.0.1:$port" prometheus_remote_storage_samples_total)
    echo "  prometheus: seconds $(echo "$t1 - $t0" | bc -l) cpu_seconds(remote write) $rw_cpu (ingest alone $base_cpu) bytes $bytes samples $sent"
    printf '%s\tprometheus-2.42\t%.0f\t%.2f\t%.2f\n' "$series" "$(echo "$total / ($t1 - $t0)" | bc -l)" \
        "$(echo "$rw_cpu * 1000000 / $total" | bc -l)" "$(echo "$bytes / $sent" | bc -l)" >>"$TMP/rows.tsv"
    kill "$PROM_PID"; wait "$PROM_PID" 2>/dev/null || true
done
echo
column -t -s $'\t' "$TMP/rows.tsv"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
