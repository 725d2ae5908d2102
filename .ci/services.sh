#!/usr/bin/env bash
# Starts PostgreSQL and Redis from Debian's packages on loopback and writes their URLs to .ci/services.env.
# Idempotent: safe to run again on a machine where they already run.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null || ! command -v redis-server >/dev/null; then
  echo "PostgreSQL and Redis are needed by the tests: apt-get install postgresql redis-server (.ci/run does)" >&2
  exit 1
fi

pg_version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  as_root pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_root su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'precipitate') THEN
    CREATE ROLE precipitate LOGIN SUPERUSER PASSWORD 'precipitate';
  END IF;
END $$;
SQL
as_root su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname = 'precipitate_test'\"" | grep -q 1 \
  || as_root su postgres -c "createdb -O precipitate precipitate_test"

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no
fi
for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done

cat > .ci/services.env <<ENV
export TEST_DATABASE_URL=postgres://precipitate:precipitate@127.0.0.1:5432/precipitate_test
export TEST_REDIS_URL=redis://127.0.0.1:6379
ENV
echo "PostgreSQL and Redis are up"
