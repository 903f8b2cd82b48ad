#!/usr/bin/env bash
# Load test of the public project list: seeds 10,000 projects and 100,000
# talents into a fresh SQLite database, then measures with wrk on loopback
# the real list and search pages against a handler that writes the same
# bytes from memory (the physical limit for that page) and a hello-world
# handler. Every wrk run is bounded in time. Usage:
#   scripts/bench-web.sh [--duration 10s] [--connections 64]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
go build -o "$data/tsunagu" ./cmd/tsunagu
go build -o "$data/benchweb" ./scripts/benchweb
echo "seeding 10,000 projects and 100,000 talents…"
"$data/tsunagu" seed --scale 10000,100000 --data "$data"
"$data/benchweb" --data "$data" "$@"
