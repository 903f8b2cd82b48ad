#!/usr/bin/env bash
# The deadline rush: 10,000 entries sent through the entries API within a
# minute (arriving evenly over 50 s, whatever the server's pace), while
# eight visitors read a Zipf mix of public list, search and API pages,
# over the demo grown to 10,000 projects and 100,000 talents, on SQLite
# and on PostgreSQL. An entrant answered 429 waits as Retry-After says and
# sends the same entry again; anything else than 201 is an error. It
# prints the entries created and stored, the 429s, other errors, the
# entries' and the readers' latencies, and the server's peak memory.
# Usage:
#   scripts/bench-rush.sh [--engines sqlite,postgres] [--rush 10000] [--window 50s] [--readers 8]
# PostgreSQL: TSUNAGU_BENCH_POSTGRES names a server (default the local
# one, trust auth); the script makes the database tsunagu_rush there.
set -euo pipefail
cd "$(dirname "$0")/.."
engines=sqlite,postgres
args=(--rush 10000)
while (($#)); do
  case "$1" in
    --engines) engines=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tsunagu" ./cmd/tsunagu
go build -o "$work/benchweb" ./scripts/benchweb
for engine in ${engines//,/ }; do
  echo
  echo "=== $engine ==="
  case "$engine" in
    sqlite)
      mkdir -p "$work/sqlite"
      "$work/tsunagu" seed --scale 10000,100000 --data "$work/sqlite"
      "$work/benchweb" --server "$work/tsunagu" --data "$work/sqlite" "${args[@]}"
      ;;
    postgres)
      server=${TSUNAGU_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
      psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS tsunagu_rush WITH (FORCE)" -c "CREATE DATABASE tsunagu_rush"
      db="$server/tsunagu_rush?sslmode=disable"
      mkdir -p "$work/pg"
      "$work/tsunagu" seed --scale 10000,100000 --db "$db" --data "$work/pg"
      "$work/benchweb" --server "$work/tsunagu" --db "$db" --data "$work/pg" "${args[@]}"
      ;;
    *) echo "unknown engine $engine (sqlite or postgres)"; exit 2 ;;
  esac
done
