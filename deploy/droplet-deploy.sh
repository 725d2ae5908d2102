#!/usr/bin/env bash
# Deploys one image tag on the Droplet, or rolls back to an earlier one. Lives in ~/precipitate next to
# .env and docker-compose.prod.yml (.github/workflows/deploy.yaml copies both files there):
#   ./droplet-deploy.sh <tag> [<image>]      <tag>: a commit SHA (see releases.log) or latest
# Pulls, migrates, restarts the API and the workers, then waits for GET /api/v1/health to answer 200 and
# exits 1 if it does not within HEALTH_TIMEOUT_SECONDS (default 180). The tag is written to .env only
# once pulled, so that a plain `docker compose -f docker-compose.prod.yml up -d` keeps running it.
# With REGISTRY_USER set, a GHCR token is read from stdin and used for this pull only (private packages).
set -euo pipefail
cd "$(dirname "$0")"

tag=${1:?usage: droplet-deploy.sh <tag> [<image>]}
image=${2:-}
timeout=${HEALTH_TIMEOUT_SECONDS:-180}
[[ $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "not an image tag: $tag" >&2; exit 2; }
[ -f .env ] || { echo "no .env in $PWD (README: Deploy, first-time setup)" >&2; exit 1; }

files=(-f docker-compose.prod.yml)
# Droplet-only additions (e.g. a CA certificate mount) that deploys never overwrite.
if [ -f docker-compose.override.yml ]; then files+=(-f docker-compose.override.yml); fi
compose() { docker compose "${files[@]}" "$@"; }

# Replaces KEY's line in .env (mode 600: it holds the secrets).
set_env() {
  local tmp
  tmp=$(mktemp .env.XXXXXX)
  grep -v "^$1=" .env >"$tmp" || true
  printf '%s=%s\n' "$1" "$2" >>"$tmp"
  mv "$tmp" .env
}

if [ -n "${REGISTRY_USER:-}" ]; then
  # The workflow's token expires with its run: keep it out of ~/.docker, and any login made there by hand.
  DOCKER_CONFIG=$(mktemp -d)
  export DOCKER_CONFIG
  trap 'rm -rf "$DOCKER_CONFIG"' EXIT
  if [ -d "$HOME/.docker/cli-plugins" ]; then ln -s "$HOME/.docker/cli-plugins" "$DOCKER_CONFIG/cli-plugins"; fi
  docker login ghcr.io --username "$REGISTRY_USER" --password-stdin
fi

# The environment overrides .env until the pull has succeeded.
export IMAGE_TAG=$tag
if [ -n "$image" ]; then export IMAGE=$image; fi
compose pull --quiet
if [ -n "$image" ]; then set_env IMAGE "$image"; fi
set_env IMAGE_TAG "$tag"
printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$tag" >>releases.log

# Runs the migrate service to completion first (depends_on), then recreates what changed.
compose up -d --remove-orphans

probe="fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/api/v1/health')
  .then(async (r) => { console.log(r.status, await r.text()); process.exit(r.ok ? 0 : 1); },
        (e) => { console.log(String(e)); process.exit(1); })"
deadline=$((SECONDS + timeout))
until compose exec -T api node -e "$probe"; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "unhealthy: GET /api/v1/health did not answer 200 within ${timeout}s" >&2
    compose ps >&2
    compose logs --tail 50 api worker >&2
    echo "roll back with ./droplet-deploy.sh <an earlier tag from releases.log>" >&2
    exit 1
  fi
  sleep 5
done
# Untagged layers of replaced images; tagged ones stay for rollbacks.
docker image prune -f >/dev/null
echo "deployed ${IMAGE:-image}:$tag"
