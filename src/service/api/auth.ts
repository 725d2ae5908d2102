// API keys on every route but the public ones (documentation and health), matched exactly as the router
// matches them (case-sensitive, no trailing slash): any other spelling of a path needs a key too, and
// then finds no route. Failed key checks are counted per IP address; an address over its limit gets 429
// for every request that needs a key, right or wrong, until its window ends, so that keys cannot be
// guessed by brute force.
import type { Middleware } from 'koa';
import { ANONYMOUS_OWNER, findApiKey, type ApiKey } from '../../api-keys.js';
import type { RateLimiter } from '../rate-limit.js';
import type { AppState } from './middleware.js';
import { tooManyRequests, unauthorized, type Problem } from './problem.js';
import type { RouteSpec } from './route.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression for the full paths of the public routes (`:name` is one segment). */
export function publicPaths(prefix: string, routes: readonly RouteSpec[]): RegExp {
  const patterns = routes
    .filter((r) => r.public)
    .map((r) => escape(`${prefix}${r.path}`).replace(/:\w+/g, '[^/]+'));
  return new RegExp(`^(?:${patterns.join('|') || '(?!)'})$`);
}

/** The key's problem with the request, or the key. */
function check(keys: readonly ApiKey[], header: string): ApiKey | Problem {
  if (!header) return unauthorized('this API needs an API key: send Authorization: Bearer <key>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return unauthorized('the Authorization header must be: Bearer <key>');
  return findApiKey(keys, match[1]) ?? unauthorized('the API key is not valid');
}

/** Bearer API keys (when configured) and the owner of what the request creates or reads. */
export function authenticate(
  keys: readonly ApiKey[],
  open: RegExp,
  failures: RateLimiter,
): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.owner = ANONYMOUS_OWNER;
    if (keys.length === 0 || ctx.method === 'OPTIONS' || open.test(ctx.path)) return next();
    const address = `authfail:ip:${ctx.ip}`;
    const before = await failures.peek(address);
    if (!before.allowed) throw tooManyRequests(before.retryAfterSeconds);
    const key = check(keys, ctx.get('Authorization'));
    if ('hash' in key) {
      ctx.state.owner = key.id;
      return next();
    }
    const after = await failures.hit(address);
    throw after.allowed ? key : tooManyRequests(after.retryAfterSeconds);
  };
}
