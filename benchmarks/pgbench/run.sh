#!/usr/bin/env bash
# The server-side limit of the jpa backend's design, without a JVM: pgbench runs the raw
# synchronous cycle and the asynchronously issued one at 1, 4 and 16 clients against the
# PostgreSQL of the tests (POSTGRES_* environment variables, loopback defaults) and prints
# the ratio. Uses and drops the table bg_pgbench.
set -euo pipefail
cd "$(dirname "$0")"
export PGHOST="${POSTGRES_HOST:-127.0.0.1}" PGPORT="${POSTGRES_PORT:-5432}" PGDATABASE="${POSTGRES_DB:-test}"
export PGUSER="${POSTGRES_USER:-postgres}" PGPASSWORD="${POSTGRES_PASSWORD:-}"
export PGOPTIONS="-c client_min_messages=warning"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
psql -q -c "DROP TABLE IF EXISTS bg_pgbench" -c "CREATE TABLE bg_pgbench (k text PRIMARY KEY, v text, e timestamptz)"
trap 'psql -q -c "DROP TABLE IF EXISTS bg_pgbench"' EXIT
tps() { pgbench -n -c "$1" -j 2 -T "$SECONDS_PER_RUN" -f "$2" 2>/dev/null | awk '/^tps/ {print $3}'; }
echo "| clients | synchronous cycles/s | asynchronous issue cycles/s | ratio |"
echo "|---:|---:|---:|---:|"
for clients in 1 4 16; do
	sync=$(tps "$clients" sync.sql)
	async=$(tps "$clients" async-issue.sql)
	awk -v c="$clients" -v s="$sync" -v a="$async" 'BEGIN { printf "| %d | %.0f | %.0f | %.2f× |\n", c, s, a, a / s }'
done
