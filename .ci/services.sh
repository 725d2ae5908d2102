#!/usr/bin/env bash
# Runs a command (e.g. `ava`) with throwaway PostgreSQL and Redis of its own: free loopback ports, data in a
# temporary directory, a random password, all removed at the end (tools/harness/with-services.ts). The
# developer's own servers on the default ports are never touched. Needs Debian's postgresql and
# redis-server packages (.ci/run installs them) and the build (npm run build).
#   bash .ci/services.sh ava                                    # what `npm test` runs
#   bash .ci/services.sh npx ava build/tests/service/queue.test.js   # one file
set -euo pipefail
cd "$(dirname "$0")/.."

if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || ! command -v redis-server >/dev/null; then
  echo '{"level":"error","message":"PostgreSQL and Redis are needed by the tests: apt-get install postgresql redis-server (.ci/run does)"}' >&2
  exit 1
fi
if [ ! -f build/tools/harness/with-services.js ]; then
  echo '{"level":"error","message":"build first: npm run build"}' >&2
  exit 1
fi
exec node build/tools/harness/with-services.js "$@"
