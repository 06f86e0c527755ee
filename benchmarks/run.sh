#!/usr/bin/env bash
# Builds and runs every benchmark against the PostgreSQL and Redis of the tests
# (POSTGRES_* / REDIS_* environment variables, loopback defaults). Writes
# benchmarks/target/results.md and benchmarks/target/scale.md.
# Extra arguments are passed to the JVM, e.g. -Dbench.threads=1 -Dbench.backends=jpa
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -Pbenchmarks -pl benchmarks -am install -DskipTests
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -cp "$CP" "$@" dev.breakglass.benchmarks.BenchmarkRunner
java -cp "$CP" "$@" dev.breakglass.benchmarks.ScaleRun
