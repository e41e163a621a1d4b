# Sourced by the PostgreSQL benchmarks: a throwaway server in a temporary folder, listening
# on a Unix socket only (no TCP), run as the postgres user when root (PostgreSQL refuses
# root), stopped and removed when the calling script exits. Sets PG_TARGET to a new database.
PG_BIN=${BACKCOURT_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=$(mktemp -d /tmp/bc-pg-bench.XXXXXX)
PG_PORT=$((20000 + $$ % 20000))
pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_stop() {
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop > /dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
[ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
PG_USER=$(id -un)
pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" --auth=trust -E UTF8 --locale=C \
  --no-sync > "$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; exit 1; }
pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
  -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -p $PG_PORT" start \
  > /dev/null || { cat "$PG_DIR/server.log"; exit 1; }
trap pg_stop EXIT
pg_createdb() {  # pg_createdb NAME -> prints the target of a new database NAME
  pg_as "$PG_BIN/createdb" -h "$PG_DIR" -p "$PG_PORT" -U "$PG_USER" "$1"
  echo "postgresql:///$1?host=$PG_DIR&port=$PG_PORT"
}
