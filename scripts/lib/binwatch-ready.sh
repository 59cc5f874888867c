# Sourced by the shell suites that start `binwatch run` with web.listen_address
# "127.0.0.1:0": the kernel picks the port when binwatch binds (a port picked beforehand
# could be taken in between), and binwatch logs it.
#
# binwatch_ready LOG PID NAME: prints the port once binwatch logged it and /-/ready answers
# 200. Waits on those events; the bound (5 minutes) only ends a failure, which prints the log
# and returns 1.
binwatch_ready() {
    local log=$1 pid=$2 name=$3 port=
    for _ in $(seq 3000); do
        kill -0 "$pid" 2>/dev/null || { echo "$name: binwatch exited:" >&2; cat "$log" >&2; return 1; }
        [[ -n $port ]] || port=$(sed -n 's/.*Server started and listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
        if [[ -n $port ]] && curl -fsS "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1; then
            echo "$port"
            return 0
        fi
        sleep 0.1
    done
    echo "$name: binwatch never logged its port and answered /-/ready" >&2
    cat "$log" >&2
    return 1
}
