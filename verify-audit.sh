#!/usr/bin/env bash
# Verifies the event store's hash chains and checkpoints directly in MongoDB (docs/AUDIT.md).
#   ./verify-audit.sh MONGODB_URI [checkpoint.json]     exit 0 intact, 1 broken, 2 usage error or could not run
#   ./verify-audit.sh --checkpoint NUMBER --checkpoint-hash HASH MONGODB_URI
#       ... and the store must still hold that checkpoint with that hash (the last one known from outside
#       the database, e.g. printed on the signed audit report): fails if checkpoints were deleted
#   ./verify-audit.sh --export MONGODB_URI > checkpoint.json
# Signed checkpoints: export AUDIT_CHECKPOINT_KEY with the service's key first.
# Uses the command-service jar built by `mvn -B package` (or verify); set COMMAND_SERVICE_JAR to use another.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# --help answers from docs/cli/verify-audit.txt, without a build: the same text as the CLI's own usage (AuditVerifierTest checks it).
for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
    cat "${here}"/docs/cli/verify-audit.txt
    exit 0
  fi
done
jar="${COMMAND_SERVICE_JAR:-$(ls "${here}"/command-service/target/command-service-*-exec.jar 2>/dev/null | head -n 1)}"
if [[ -z "${jar}" || ! -f "${jar}" ]]; then
  echo "command-service jar not found: run 'mvn -B -DskipTests package' first, or set COMMAND_SERVICE_JAR" >&2
  exit 2
fi
exec java -Daxoniq.update-checker.disabled=true \
  -Dloader.main=jp.coordination.command.audit.AuditVerifier \
  -cp "${jar}" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
