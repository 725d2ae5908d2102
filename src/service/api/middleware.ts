// The app's middleware: problem rendering, CORS, rate limits and the JSON body parser (keys: auth.ts).
import type { Middleware, ParameterizedContext } from 'koa';
import { koaBody } from 'koa-body';
import { ANONYMOUS_OWNER } from '../../api-keys.js';
import { throttled, type Logger } from '../log.js';
import type { RateLimiter } from '../rate-limit.js';
import { fromHttpError, fromUnavailable, Problem, problemBody, tooManyRequests } from './problem.js';

export interface AppState {
  owner: string;
  /** The validated query string and body of the route (set by the validation middleware). */
  query: Record<string, unknown>;
  body: unknown;
}

export type AppContext = ParameterizedContext<AppState>;

export const BODY_LIMIT_BYTES = 64 * 1024;

export function renderProblem(ctx: AppContext, problem: Problem): void {
  ctx.status = problem.status;
  for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
  ctx.body = problemBody(problem, ctx.path);
  ctx.type = 'application/problem+json';
}

/** Every error becomes problem+json here; a 5xx is logged and says nothing about its cause. */
export function problems(log: Logger): Middleware<AppState> {
  const outage = throttled(log);
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new Problem(404, 'not-found', 'Not found', `no route ${ctx.method} ${ctx.path}`);
      }
      if (ctx.status === 405) {
        const allowed = ctx.response.get('Allow');
        throw new Problem(
          ctx.status,
          'method-not-allowed',
          'Method not allowed',
          `${ctx.path} takes ${allowed || 'no such method'}`,
        );
      }
    } catch (error) {
      const problem =
        error instanceof Problem
          ? error
          : (fromHttpError(error as { status?: number }) ?? fromUnavailable(error));
      if (problem) {
        if (problem.status === 503) outage('warn', 'dependency unavailable', { path: ctx.path, error });
        renderProblem(ctx, problem);
        return;
      }
      log.error('request failed', { method: ctx.method, path: ctx.path, error });
      renderProblem(
        ctx,
        new Problem(500, 'internal', 'Internal error', 'the server failed to answer; it was logged'),
      );
    }
  };
}

const EXPOSED =
  'Location, Retry-After, Preference-Applied, Idempotent-Replayed, RateLimit-Limit, RateLimit-Remaining';

/** CORS for the allowlisted origins only (none by default). */
export function cors(origins: readonly string[]): Middleware<AppState> {
  const allowAll = origins.includes('*');
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (!origin || !(allowAll || origins.includes(origin))) return next();
    ctx.vary('Origin');
    ctx.set('Access-Control-Allow-Origin', allowAll ? '*' : origin);
    ctx.set('Access-Control-Expose-Headers', EXPOSED);
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE');
      ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, Prefer');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    return next();
  };
}

/** Whom a request counts against: its API key, or its IP address without keys. */
export const rateClient = (ctx: AppContext) =>
  ctx.state.owner === ANONYMOUS_OWNER ? `ip:${ctx.ip}` : ctx.state.owner;

export function rateLimit(limiter: RateLimiter): Middleware<AppState> {
  return async (ctx, next) => {
    const decision = await limiter.hit(rateClient(ctx));
    if (decision.limit > 0) {
      ctx.set('RateLimit-Limit', String(decision.limit));
      ctx.set('RateLimit-Remaining', String(decision.remaining));
    }
    if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
    return next();
  };
}

/** JSON bodies only, at most 64 KiB; anything else is refused naming the header. */
export function jsonBody(): Middleware<AppState> {
  const parse = koaBody({
    json: true,
    jsonLimit: BODY_LIMIT_BYTES,
    jsonStrict: false,
    urlencoded: false,
    text: false,
    multipart: false,
  });
  return async (ctx, next) => {
    const length = Number(ctx.get('Content-Length') || 0);
    if (length > BODY_LIMIT_BYTES) throw fromHttpError({ status: 413 });
    if (ctx.request.length === undefined && !ctx.get('Transfer-Encoding')) {
      throw new Problem(422, 'validation', 'The request is invalid', '/ a JSON request body is required', {
        errors: [{ in: 'body', pointer: '/', detail: 'a JSON request body is required' }],
      });
    }
    if (!ctx.is('application/json', 'application/*+json')) {
      const type = ctx.get('Content-Type') || 'none';
      throw new Problem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `Content-Type '${type}' is not JSON`,
        {
          errors: [
            { in: 'header', pointer: 'Content-Type', detail: `must be application/json, not '${type}'` },
          ],
        },
      );
    }
    return (parse as unknown as Middleware<AppState>)(ctx, next);
  };
}
