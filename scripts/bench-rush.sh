#!/usr/bin/env bash
# The deadline rush: 10,000 entries sent through the entries API within a
# minute (arriving evenly over 50 s, whatever the server's pace), while
# eight visitors read a Zipf mix of public list, search and API pages,
# over the demo grown to 10,000 projects and 100,000 talents, on SQLite
# and on PostgreSQL (the database tsunagu_rush). An entrant answered 429
# waits as Retry-After says and sends the same entry again; anything else
# than 201 is an error. It prints the entries created and stored, the
# 429s, other errors, the entries' and the readers' latencies, and the
# server's peak memory.
# Usage:
#   scripts/bench-rush.sh [--engines sqlite,postgres] [--rush 10000] [--window 50s] [--readers 8]
exec "$(dirname "$0")/bench-mix.sh" --mode rush "$@"
