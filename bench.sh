#!/usr/bin/env bash
# Runs one benchmark of infra/bench: ./bench.sh NAME [ARGS...] runs jp.coordination.bench.NAME.
# The whole suite (issue 6): ./bench.sh Suite [--quick] [--runs=N] [--with-replay-sse]; it rewrites the summary of
# docs/BENCHMARKS.md and docs/img/latency.png. The JMH micro-benchmarks: ./bench.sh Micro [--quick] [REGEX]; it rewrites
# their section of docs/BENCHMARKS.md.
# Benchmarks are not tests: they never run inside `mvn verify` and never fail CI on a slow machine.
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -lt 1 ]]; then
  echo "usage: ./bench.sh NAME [ARGS...]; available:"
  ls infra/bench/src/main/java/jp/coordination/bench/ | sed -n 's/\(.*Benchmark\|Suite\|Micro\)\.java$/  \1/p'
  exit 2
fi
name=$1; shift
if [[ "${SKIP_BUILD:-}" != "true" ]]; then
  mvn -B -q -DskipTests package -pl infra/bench -am
fi
export AXONIQ_UPDATE_CHECKER_DISABLED=true
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "infra/bench/target/classes:$(cat infra/bench/target/classpath.txt)" \
  "jp.coordination.bench.$name" "$@"
