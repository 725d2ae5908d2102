// GET /health, /openapi.json and /docs (Swagger UI from swagger-ui-dist).
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pingDatabase } from '../../db/connect.js';
import { errorMessage } from '../../log.js';
import type { AppDeps } from '../deps.js';
import { renderProblem, type AppContext } from '../middleware.js';
import { notFound, unavailable } from '../problem.js';
import type { RouteSpec } from '../route.js';
import { healthSchema, problem } from '../schemas.js';
import { API_PREFIX } from '../views.js';
import { inlineScriptHashes } from '../static.js';

interface Check {
  status: 'up' | 'down';
  latency_ms: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3000;

/** Error text for the health answer: short, and with any credentials in URLs masked. */
const safeText = (error: unknown) =>
  errorMessage(error)
    .replace(/\/\/[^/@\s]*@/g, '//***@')
    .slice(0, 200);

async function probe(run: (signal: AbortSignal) => Promise<void>): Promise<Check> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  try {
    await Promise.race([
      run(controller.signal),
      new Promise((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error('timed out'))),
      ),
    ]);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latency_ms: Math.round(performance.now() - started), error: safeText(error) };
  } finally {
    clearTimeout(timer);
  }
}

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const docsScript = `window.ui = SwaggerUIBundle({ url: '${API_PREFIX}/openapi.json', dom_id: '#ui' });`;
const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>deepalloy-precipitate API</title>
<link rel="stylesheet" href="${API_PREFIX}/docs/swagger-ui.css"><link rel="icon" href="${API_PREFIX}/docs/favicon-32x32.png"></head>
<body><div id="ui"></div><script src="${API_PREFIX}/docs/swagger-ui-bundle.js"></script>
<script>${docsScript}</script></body></html>`;

/** Swagger UI: its own files, the one inline script above, inline styles, and this API. */
const DOCS_CSP = [
  "default-src 'none'",
  `script-src 'self' ${inlineScriptHashes(docsPage).join(' ')}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function systemRoutes(deps: AppDeps, openApi: () => Record<string, unknown>): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'State of the database, the queue and the storage (no key needed)',
      public: true,
      responses: {
        200: { description: 'everything is up', schema: healthSchema },
        503: problem('names what is down'),
      },
      handler: async (ctx: AppContext) => {
        const [database, queue, storage] = await Promise.all([
          probe(() => pingDatabase(deps.db)),
          probe((signal) => deps.queue.check(signal)),
          probe((signal) => deps.storage.check(signal)),
        ]);
        const checks = { database, queue, storage };
        const down = Object.entries(checks).flatMap(([name, c]) => (c.status === 'down' ? [name] : []));
        ctx.set('Cache-Control', 'no-store');
        if (down.length > 0) {
          renderProblem(ctx, unavailable(`down: ${down.join(', ')}`, { down, checks }));
          return;
        }
        ctx.body = {
          status: 'ok',
          checks,
          engine: { version: deps.engine.version, database_sha256: deps.engine.databaseSha256 },
          adapters: {
            database: deps.db.client.config.client,
            queue: deps.queue.kind,
            storage: deps.storage.kind,
          },
          // What a client (the page) needs to know before its first call: whether to ask for a key, limits.
          auth: deps.settings.apiKeys.length > 0 ? 'api-key' : 'off',
          limits: { max_simulation_time_hours: deps.settings.maxSimulationHours },
        };
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This OpenAPI document',
      public: true,
      responses: { 200: { description: 'OpenAPI 3.1' } },
      handler: async (ctx) => {
        ctx.body = openApi();
      },
    },
    {
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'Interactive documentation (Swagger UI)',
      public: true,
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: async (ctx) => {
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('Content-Security-Policy', DOCS_CSP);
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = docsPage;
      },
    },
    {
      method: 'get',
      path: '/docs/:asset',
      operationId: 'docsAsset',
      summary: 'Swagger UI assets',
      public: true,
      responses: { 200: { description: 'asset' }, 404: problem('no such asset') },
      handler: async (ctx) => {
        const asset = String((ctx as unknown as { params: Record<string, string> }).params.asset);
        // Own names only: __proto__ or constructor are not assets (and must not reach the file system).
        if (!Object.hasOwn(SWAGGER_ASSETS, asset)) throw notFound(`no documentation asset '${asset}'`);
        ctx.type = SWAGGER_ASSETS[asset];
        ctx.set('Cache-Control', 'public, max-age=86400');
        ctx.body = createReadStream(join(SWAGGER_DIR, asset));
      },
    },
  ];
}
