#!/usr/bin/env bash
# Rebuilds the query-service's read models from the Kafka topic, while the running query-services keep serving:
#   SPRING_PROFILES_ACTIVE=local ./rebuild.sh
#   ./rebuild.sh --read-models dashboards,statistics --set coordination.kafka.bootstrap-servers=kafka:9092
# Runs jp.coordination.query.rebuild.RebuildCli from the query-service's executable jar (built if missing), with the
# query-service's settings (QUERY_MONGODB_URI or MONGODB_URI, KAFKA_BOOTSTRAP_SERVERS, ...; README). Progress, with the
# total, goes to standard error; the exit code is 0 when the new read models serve, 1 on failure, 3 when another
# rebuild is running.
set -euo pipefail
cd "$(dirname "$0")"
# --help answers from docs/cli/rebuild.txt, without a build: the same text as the CLI's own usage (RebuildCliTest checks it).
for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
    cat docs/cli/rebuild.txt
    exit 0
  fi
done
jar=$(ls query-service/target/query-service-*-exec.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$jar" ]]; then
  mvn -B -q -DskipTests package -pl query-service -am >&2
  jar=$(ls query-service/target/query-service-*-exec.jar | head -n 1)
fi
exec java -Daxoniq.update-checker.disabled=true -Dloader.main=jp.coordination.query.rebuild.RebuildCli \
  -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
