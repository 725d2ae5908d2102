// The Koa application, made from its dependencies. Only `precipitate serve` listens; tests use
// app.callback() or a real port.
import { METHODS } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import { authenticate, publicPaths } from './auth.js';
import type { AppDeps } from './deps.js';
import { securityHeaders } from './headers.js';
import { cors, jsonBody, problems, rateLimit, type AppContext, type AppState } from './middleware.js';
import { openApiDocument } from './openapi.js';
import { validation, type RouteSpec } from './route.js';
import { jobRoutes } from './routes/jobs.js';
import { simulateRoutes } from './routes/simulate.js';
import { sweepRoutes } from './routes/sweeps.js';
import { calibrationRoutes } from './routes/calibrations.js';
import { systemRoutes } from './routes/system.js';
import { API_PREFIX } from './views.js';
import { servePage } from './static.js';

export type { AppDeps, AppSettings } from './deps.js';

/** /health and /docs at the root too: what load balancers, container health checks and people try first. */
function rootAliases(): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.path === '/health') ctx.path = `${API_PREFIX}/health`;
    else if (ctx.path === '/docs' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.redirect(`${API_PREFIX}/docs`);
      return;
    }
    await next();
  };
}

export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.settings.trustProxy });
  const routes: RouteSpec[] = [];
  const document = () => openApiDocument(routes, deps.settings.apiKeys.length > 0);
  routes.push(...simulateRoutes(deps), ...jobRoutes(deps), ...systemRoutes(deps, document));
  routes.push(...sweepRoutes(deps));
  routes.push(...calibrationRoutes(deps));

  // One spelling of each path: case-sensitive, no trailing slash; any other spelling finds no route. Every
  // method Node parses is "implemented", so that an unknown one on a known path gets 405 with Allow.
  const router = new Router<AppState>({
    prefix: API_PREFIX,
    sensitive: true,
    strict: true,
    methods: METHODS,
  });
  const body = jsonBody();
  for (const route of routes) {
    const handle = async (ctx: AppContext) => route.handler(ctx);
    if (route.body) router[route.method](route.path, body, validation(route), handle);
    else router[route.method](route.path, validation(route), handle);
  }

  app.use(securityHeaders());
  app.use(problems(deps.log));
  // The browser page (build/web) at /: before keys and rate limits, which are for the API.
  app.use(servePage());
  app.use(rootAliases());
  app.use(cors(deps.settings.corsOrigins));
  app.use(authenticate(deps.settings.apiKeys, publicPaths(API_PREFIX, routes), deps.authFailures));
  app.use(rateLimit(deps.limiter));
  app.use(router.routes());
  // 405 answers (with Allow) of the router become problems in `problems`.
  app.use(router.allowedMethods());
  // A client that goes away while a file streams is not a server error; anything else is logged once.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET' || error.code === 'EPIPE')
      return;
    deps.log.error('unhandled error in a response', { error: error.message });
  });
  return app;
}
