#!/usr/bin/env bash
# The annual evaluation from a command line, away from the running services:
#   ./evaluate.sh --fiscal-year 2025 --bootstrap-servers 127.0.0.1:9092 --format csv --output fy2025.csv
#   ./evaluate.sh --fiscal-year 2025 --from-event-store mongodb://127.0.0.1:27017/coordination --output fy2025.json
# Runs jp.coordination.query.evaluation.EvaluateCli from the query-service's executable jar (built if missing).
# The result goes to --output (or standard output); progress and counts go to standard error. Exit code: 0 written,
# 1 failed, 2 bad options (./evaluate.sh --help).
set -euo pipefail
cd "$(dirname "$0")"
# --help answers from docs/cli/evaluate.txt, without a build: the same text as the CLI's own usage (EvaluateCliTest checks it).
for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
    cat docs/cli/evaluate.txt
    exit 0
  fi
done
jar=$(ls query-service/target/query-service-*-exec.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$jar" ]]; then
  mvn -B -q -DskipTests package -pl query-service -am >&2
  jar=$(ls query-service/target/query-service-*-exec.jar | head -n 1)
fi
exec java -Daxoniq.update-checker.disabled=true -Dloader.main=jp.coordination.query.evaluation.EvaluateCli \
  -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
