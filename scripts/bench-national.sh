#!/usr/bin/env bash
# The national page benchmark: seeds the PostgreSQL database
# tsunagu_national with every municipality of Japan, a million talents and
# 230,000 entries (tsunagu seed --national), starts `tsunagu serve` on it
# and times every page type uncached, one request at a time, ~200
# distinct URLs each (scripts/benchpages). It prints a markdown table of
# p50, p99 and max per page type and the server's peak memory (VmHWM).
# Usage:
#   scripts/bench-national.sh [--reuse] [--n 200] [--only home,project,…]
# --reuse keeps an existing tsunagu_national database (and its data
# directory, TSUNAGU_BENCH_DATA, default /tmp/tsunagu-bench-national, which
# holds serve's keys and log) instead of seeding again; seeding takes
# minutes.
# PostgreSQL: TSUNAGU_BENCH_POSTGRES names a server (default the local
# one, trust auth); the script makes the database tsunagu_national there.
set -euo pipefail
cd "$(dirname "$0")/.."
reuse=false
args=()
while (($#)); do
  case "$1" in
    --reuse) reuse=true; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tsunagu" ./cmd/tsunagu
go build -o "$work/benchpages" ./scripts/benchpages
server=${TSUNAGU_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
db="$server/tsunagu_national?sslmode=disable"
data=${TSUNAGU_BENCH_DATA:-/tmp/tsunagu-bench-national}
exists=$(psql -Atq "$server/postgres" -c "SELECT 1 FROM pg_database WHERE datname = 'tsunagu_national'")
if $reuse && [ "$exists" = 1 ]; then
  echo "reusing the database tsunagu_national"
else
  psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS tsunagu_national WITH (FORCE)" -c "CREATE DATABASE tsunagu_national"
  rm -rf "$data"
  mkdir -p "$data"
  start=$(date +%s)
  "$work/tsunagu" seed --national --db "$db" --data "$data"
  echo "seeded in $(($(date +%s) - start)) s"
  psql -q "$db" -c "VACUUM ANALYZE"
fi
mkdir -p "$data"
"$work/benchpages" --tsunagu "$work/tsunagu" --db "$db" --data "$data" "${args[@]}"
