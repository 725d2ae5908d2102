# syntax=docker/dockerfile:1
# One image for the API (the default command), the workers and migrations:
#   docker run -p 8000:8000 -e API_KEYS=<16+ chars> IMAGE            embedded service (SQLite, local disk)
#   docker run --env-file prod.env IMAGE node bin/precipitate.js worker
#   docker run --env-file prod.env IMAGE node bin/precipitate.js migrate
# tests/deploy/image.test.ts rehearses this file without Docker (it runs the RUN steps in a copy of the
# build context), so keep RUN steps plain shell relative to WORKDIR, and COPY sources literal paths.

# Build stage: the full Debian image has python3, make and g++, which node-gyp needs when better-sqlite3
# has no prebuilt addon to download for the platform.
FROM node:20-bookworm AS build
WORKDIR /app
# Dependencies before sources, so that a source edit reuses this layer. --ignore-scripts: the package's own
# `prepare` (the build) needs sources that are not copied yet, and no dependency's install script is
# wanted (telemetry) but better-sqlite3's, which fetches or compiles the native addon.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY . .
RUN npm run build
# Only production dependencies go on; the addon compiled above stays. var/ becomes DATA_DIR.
RUN npm prune --omit=dev --no-audit --no-fund && mkdir -p var

# Runtime stage: the slim image of the same Debian release (and so the same glibc as the addon's build).
FROM node:20-bookworm-slim AS runtime
# HOST 0.0.0.0 so that published ports reach the API; it refuses to start so without API_KEYS (or
# ALLOW_ANONYMOUS=true), and `worker`/`migrate` containers need HOST=127.0.0.1 (see docker-compose.yml).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 DATA_DIR=/app/var
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/bin ./bin
COPY --from=build /app/data ./data
COPY --from=build /app/build ./build
COPY --from=build /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/var ./var
USER node
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1 (not npx): SIGTERM reaches the process, which drains requests and hands running
# simulations back to the queue. Workers: the same image with `node bin/precipitate.js worker`.
CMD ["node", "bin/precipitate.js", "serve"]
