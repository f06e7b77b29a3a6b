#!/usr/bin/env bash
# Starts the local stack: a real Kafka broker (KRaft), the MongoDB stand-in, command-service on :8081 and
# query-service on :8082 (--instances=2: also :8083 and :8084). Data stays in ./data between runs. Options: ./run-local.sh --help
set -euo pipefail
cd "$(dirname "$0")"
# --help answers from docs/cli/run-local.txt, without a build: the same text as the CLI's own usage (LocalStackCommandLineTest checks it).
for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
    cat docs/cli/run-local.txt
    exit 0
  fi
done

# Always package: a stale service jar is a worse surprise than the few seconds an up-to-date build takes.
# SKIP_BUILD=true runs what was built last.
if [[ "${SKIP_BUILD:-}" != "true" ]]; then
  echo "Building (mvn -B -q -DskipTests package)..."
  mvn -B -q -DskipTests package
fi

export AXONIQ_UPDATE_CHECKER_DISABLED=true
exec java -Xmx768m -jar infra/stack/target/local-stack-exec.jar "$@"
