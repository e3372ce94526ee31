#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suite.
#   source .ci/postgres.sh && pg_start   -> exports TIC_TEST_POSTGRES_URL
#   pg_stop                              -> stops the cluster and removes its folder
# Installs Debian's postgresql when it is missing. PostgreSQL refuses to run as root, so the
# cluster runs as the `postgres` user when we are root.

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_install() {
  if ! pg_bin_dir >/dev/null; then
    echo "postgres: installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  fi
}

pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
  pg_install || return 1
  local bin
  bin=$(pg_bin_dir) || { echo "postgres: initdb not found" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/tic-pg.XXXXXX)
  PG_PORT=$(pg_free_port)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  pg_as "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null || return 1
  pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/log" >&2; return 1; }
  export PG_DIR PG_PORT PG_BIN="$bin"
  export TIC_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "postgres: running on 127.0.0.1:$PG_PORT ($PG_DIR)" >&2
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset PG_DIR PG_PORT TIC_TEST_POSTGRES_URL
}
