#!/usr/bin/env bash
# Sizing figures of README's "Running on a cluster": memory per live secret on Redis, bytes
# per row on PostgreSQL, and what one core of each server sustains for the stores' own
# commands. Bounded (100k secrets of each kind, 10 s runs); cleans up what it writes (keys
# under bg-sizing:, the schema bg_sizing). Needs redis-cli, redis-benchmark, psql, pgbench,
# python3, the Redis Cluster of .ci/start-redis-cluster and PostgreSQL at the test address.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${SIZING_SECRETS:-100000}"
PGHOST="${POSTGRES_HOST:-127.0.0.1}" PGPORT="${POSTGRES_PORT:-5432}" PGDATABASE="${POSTGRES_DB:-test}" PGUSER="${POSTGRES_USER:-postgres}"
PGOPTIONS="-c client_min_messages=warning"
export PGHOST PGPORT PGDATABASE PGUSER PGOPTIONS
PORTS=(7001 7002 7003)
.ci/start-redis-cluster >/dev/null

used_memory() { # summed over the masters
	local total=0
	for port in "${PORTS[@]}"; do
		total=$((total + $(redis-cli -p "$port" info memory | tr -d '\r' | sed -n 's/^used_memory://p')))
	done
	echo "$total"
}

# Writes (or deletes) N keys of one kind as the redis backend lays them out, each sent to the
# master that owns its slot, pipelined.
redis_keys() { # kind (ott|code), action (set|del)
	python3 - "$1" "$2" "$N" <<'EOF'
import hashlib, subprocess, sys
kind, action, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc
owners = []
for line in subprocess.run(["redis-cli", "-p", "7001", "cluster", "nodes"], capture_output=True, text=True).stdout.splitlines():
    fields = line.split()
    if "master" in fields[2]:
        port = fields[1].split(":")[1].split("@")[0]
        for r in fields[8:]:
            lo, _, hi = r.partition("-")
            owners.append((int(lo), int(hi or lo), port))
def owner(key):
    slot = crc16(key.encode()) % 16384
    return next(p for lo, hi, p in owners if lo <= slot <= hi)
def resp(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)
batches = {}
for i in range(n):
    secret = hashlib.sha256(b"sizing-%s-%d" % (kind.encode(), i)).hexdigest()
    key = "bg-sizing:%s:%s" % (kind, hashlib.sha256(secret.encode()).hexdigest())
    if kind == "ott":
        value = "v1;10:MAGIC_LINK;17:alice@example.com"
    else:
        data = "d" * 200
        value = "v1;43:%s;13:1767225600123;%d:%s" % (secret[:43], len(data), data)
    command = resp("SET", key, value, "PX", "3600000") if action == "set" else resp("DEL", key)
    batches.setdefault(owner(key), []).append(command)
for port, commands in batches.items():
    subprocess.run(["redis-cli", "-p", port, "--pipe"], input=b"".join(commands), check=True, capture_output=True)
EOF
}

memory_usage_sample() { # kind: mean MEMORY USAGE of 1,000 keys of that kind
	local total=0 count=0
	for port in "${PORTS[@]}"; do
		for key in $(redis-cli -p "$port" --scan --pattern "bg-sizing:$1:*" | head -334); do
			total=$((total + $(redis-cli -p "$port" memory usage "$key")))
			count=$((count + 1))
		done
	done
	echo $((total / count))
}

echo "## Redis: memory per live secret ($N of each kind, Redis Cluster of 3 masters, $(redis-server --version | cut -d' ' -f3))"
for kind in ott code; do
	before=$(used_memory)
	redis_keys "$kind" set
	after=$(used_memory)
	echo "$kind: INFO used_memory +$(( (after - before) / N )) B per key ($(( (after - before) * 1000000 / N / 1048576 )) MiB per million); MEMORY USAGE mean $(memory_usage_sample "$kind") B per key"
	redis_keys "$kind" del
done

echo "## Redis: one master's throughput for the stores' commands (redis-benchmark, 16 clients, 400,000 requests each)"
# The one-time token's consume (RedisStoreCommands.TAKE_WITH_EXPIRY with PEXPIRETIME), beside the raw GETDEL.
TAKE_WITH_EXPIRY="local value = redis.call('GET', KEYS[1]) if not value then return {} end local expiry = redis.call(ARGV[1], KEYS[1]) redis.call('DEL', KEYS[1]) return { value, expiry }"
# {bg-sizing-d} hashes to slot 2884, which .ci/start-redis-cluster gives to 127.0.0.1:7001, so every key of the run lives there.
tag="{bg-sizing-d}"
redis-benchmark -p 7001 -c 16 -r 100000 -n 400000 -q \
	SET "bg-sizing:${tag}ott:__rand_int__" "v1;10:MAGIC_LINK;17:alice@example.com" PX 60000 | tr '\r' '\n' | tail -1
redis-benchmark -p 7001 -c 16 -r 100000 -n 400000 -q \
	EVAL "$TAKE_WITH_EXPIRY" 1 "bg-sizing:${tag}ott:__rand_int__" PEXPIRETIME | tr '\r' '\n' | tail -1
redis-benchmark -p 7001 -c 16 -r 100000 -n 400000 -q \
	SET "bg-sizing:${tag}ott:__rand_int__" "v1;10:MAGIC_LINK;17:alice@example.com" PX 60000 | tr '\r' '\n' | tail -1
redis-benchmark -p 7001 -c 16 -r 100000 -n 400000 -q \
	GETDEL "bg-sizing:${tag}ott:__rand_int__" | tr '\r' '\n' | tail -1
redis-cli -p 7001 --scan --pattern "bg-sizing:*" | xargs -r -n 500 redis-cli -p 7001 del >/dev/null

echo "## PostgreSQL: bytes per row ($N of each kind, $(psql -XAtc 'SHOW server_version'))"
psql -XqAt -v ON_ERROR_STOP=1 <<EOF
DROP SCHEMA IF EXISTS bg_sizing CASCADE;
CREATE SCHEMA bg_sizing;
SET search_path = bg_sizing;
\i break-glass-autoconfigure/src/main/resources/dev/breakglass/store/jpa/migration/V1__break_glass_stores.sql
INSERT INTO break_glass_one_time_token
  SELECT encode(sha256(('ott-' || i)::bytea), 'hex'), 'MAGIC_LINK', 'alice@example.com', now() + interval '1 hour'
  FROM generate_series(1, $N) i;
INSERT INTO break_glass_authorization_code
  SELECT rtrim(translate(encode(sha256(('code-' || i)::bytea), 'base64'), '+/', '-_'), '='), repeat('d', 200), now() + interval '1 hour'
  FROM generate_series(1, $N) i;
VACUUM ANALYZE break_glass_one_time_token;
VACUUM ANALYZE break_glass_authorization_code;
SELECT t || ': ' || pg_total_relation_size(t) / $N || ' B per row in all (table '
  || pg_relation_size(t) / $N || ', indexes ' || pg_indexes_size(t) / $N || '), '
  || pg_total_relation_size(t) * 1000000 / $N / 1048576 || ' MiB per million'
FROM unnest(ARRAY['break_glass_one_time_token', 'break_glass_authorization_code']) t;
TRUNCATE break_glass_one_time_token;
EOF

echo "## PostgreSQL: issue+consume cycles (INSERT, then DELETE ... RETURNING, each committed alone; pgbench, 4 clients, 10 s)"
cat > /tmp/bg-sizing-cycle.sql <<'EOF'
\set n random(1, 2000000000)
INSERT INTO break_glass_one_time_token (token_hash, kind, subject, expires_at) VALUES (encode(sha256((:n || ':' || :client_id)::text::bytea), 'hex'), 'MAGIC_LINK', 'alice@example.com', statement_timestamp() + interval '5 minutes') ON CONFLICT DO NOTHING;
DELETE FROM break_glass_one_time_token WHERE token_hash = encode(sha256((:n || ':' || :client_id)::text::bytea), 'hex') RETURNING kind, subject, expires_at > statement_timestamp();
EOF
PGOPTIONS="$PGOPTIONS -c search_path=bg_sizing" pgbench -n -c 4 -j 2 -T 10 -f /tmp/bg-sizing-cycle.sql 2>&1 | grep -E "^(number of transactions actually processed|latency average|tps)"
psql -XqAtc "DROP SCHEMA bg_sizing CASCADE"
rm -f /tmp/bg-sizing-cycle.sql
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
