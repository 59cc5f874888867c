# Sourced by scripts: a private PostgreSQL in a temp dir, unix socket only, no TCP.
# Usage: pg_start DIR  (sets PGHOST_DIR and PSQL=(psql ...)); pg_stop DIR.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

# initdb refuses to run as root; the server then runs as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
    local dir=$1
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null
    PGHOST_DIR=$dir
    PSQL=(psql -X -q -h "$dir" -U postgres -v ON_ERROR_STOP=1)
}

pg_stop() {
    as_pg "$PGBIN/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
}

# load_warehouse DB SEED RECOMMENDATIONS BINS [ANCHOR]: the example schema and seeded data.
load_warehouse() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $1"
    "${PSQL[@]}" -d "$1" -f "$root/examples/warehouse/schema.sql" >/dev/null
    "${PSQL[@]}" -d "$1" -v seed="$2" -v recommendations="$3" -v bins="$4" ${5:+-v anchor="$5"} \
        -f "$root/examples/warehouse/generate.sql" >/dev/null
}
