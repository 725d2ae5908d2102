#!/usr/bin/env bash
# The hostile-client campaign in one command: starts the embedded service (its own DATA_DIR in a temp dir,
# loopback, a free port, an API key, one engine thread, short simulations) and runs schemathesis against
# its OpenAPI document with a bounded number of test cases per operation. Fails (non-zero) on any 5xx
# other than 503 with Retry-After, any connection closed without an answer, and any answer that violates
# the document (status, content type, headers, body schema), or when fewer than MIN_REQUESTS were sent.
#
#   tools/hostile/run.sh                  # MAX_EXAMPLES=2000 per operation: >= 10,000 requests
# The reports (HAR, JUnit) and the service's log are kept in tools/hostile/last-run/.
#   MAX_EXAMPLES=50 MIN_REQUESTS=1 tools/hostile/run.sh   # a quick look
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
MAX_EXAMPLES="${MAX_EXAMPLES:-2000}"
MIN_REQUESTS="${MIN_REQUESTS:-10000}"
SEED="${SEED:-16}"

if [ ! -x "$VENV/bin/schemathesis" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet -r "$HERE/requirements.txt"
fi
[ -f "$ROOT/build/src/cli/main.js" ] || (cd "$ROOT" && npm run build)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hostile-XXXXXX")"
KEY="hostile-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(16))')"
SERVER_PID=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$HERE/last-run" && mkdir -p "$HERE/last-run"
  cp -r "$WORK/report" "$WORK/serve.log" "$HERE/last-run/" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The service's own limits keep the simulations the campaign posts small: one engine thread, at most
# 0.1 h of simulated time, no synchronous wait. Rate limits are off so that every request is a test.
env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  DATA_DIR="$WORK/data" HOST=127.0.0.1 PORT=0 API_KEYS="$KEY" LOG_LEVEL=info \
  WORKER_CONCURRENCY=1 MAX_SIMULATION_TIME_HOURS=0.1 SYNC_WAIT_SECONDS=0 \
  RATE_LIMIT_PER_MINUTE=0 AUTH_FAILURES_PER_MINUTE=0 SHUTDOWN_TIMEOUT_SECONDS=2 \
  node "$ROOT/bin/precipitate.js" serve >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 300); do
  URL="$(sed -n 's/.*"message":"listening".*"url":"\([^"]*\)".*/\1/p' "$WORK/serve.log" | head -n 1)"
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "the service did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
echo "service at $URL (data in $WORK/data)" >&2

set +e
# From the temp dir: schemathesis keeps a .schemathesis/ cache in its working directory.
cd "$WORK"
SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$HERE" "$VENV/bin/schemathesis" run "$URL/api/v1/openapi.json" \
  --header "Authorization: Bearer $KEY" \
  --checks status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,allow_header_conformance,ignored_auth,no_server_error_but_503_with_retry_after \
  --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 2 --request-timeout 30 \
  --suppress-health-check all --continue-on-failure --no-shrink \
  --report har,junit --report-dir "$WORK/report" --output-sanitize true
STATUS=$?
set -e
"$VENV/bin/python" "$HERE/summary.py" "$WORK/report" "$WORK/serve.log" "$MIN_REQUESTS" || STATUS=1
kill -0 "$SERVER_PID" 2>/dev/null || { echo "the service died during the run" >&2; STATUS=1; }
exit "$STATUS"
