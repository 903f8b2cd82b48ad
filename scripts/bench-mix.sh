#!/usr/bin/env bash
# The realistic web benchmark: a Zipf mix of at least 2,000 distinct
# public list, search and API URLs, over the demo grown to 10,000 projects
# and 100,000 talents, measured with wrk against a server that writes each
# URL's captured bytes from memory, in one run, on SQLite and on
# PostgreSQL. It prints the uncached server time of each page kind, then
# requests per second, p50, p99 and errors under the mix, and the ratio.
# The load goes to `tsunagu serve` in its own process, whose peak resident
# memory (VmHWM) it prints at the end.
# Usage:
#   scripts/bench-mix.sh [--engines sqlite,postgres] [--duration 20s] [--connections 64] [--urls 2000]
# PostgreSQL: TSUNAGU_BENCH_POSTGRES names a server (default the local
# one, trust auth); the script makes the database tsunagu_bench there.
set -euo pipefail
cd "$(dirname "$0")/.."
# scripts/bench-rush.sh runs the deadline rush the same way (--mode rush).
engines=sqlite,postgres
mode=(--mix)
dbname=tsunagu_bench
args=()
while (($#)); do
  case "$1" in
    --engines) engines=$2; shift 2 ;;
    --mode) if [ "$2" = rush ]; then mode=(--rush 10000); dbname=tsunagu_rush; fi; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi
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
      "$work/benchweb" "${mode[@]}" --server "$work/tsunagu" --data "$work/sqlite" "${args[@]}"
      ;;
    postgres)
      server=${TSUNAGU_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
      psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" -c "CREATE DATABASE $dbname"
      db="$server/$dbname?sslmode=disable"
      mkdir -p "$work/pg"
      "$work/tsunagu" seed --scale 10000,100000 --db "$db" --data "$work/pg"
      "$work/benchweb" "${mode[@]}" --server "$work/tsunagu" --db "$db" --data "$work/pg" "${args[@]}"
      ;;
    *) echo "unknown engine $engine (sqlite or postgres)"; exit 2 ;;
  esac
done
