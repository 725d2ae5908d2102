// Security headers on every response (errors and redirects included): no MIME sniffing, no framing, no
// referrer, and a Content-Security-Policy that lets an API answer load nothing. The page and the docs set
// their own policy for what they load. Answers that say nothing else are not cached (jobs change).
import type { Middleware } from 'koa';

/** For JSON and problem answers: nothing may be loaded, run or framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Content-Security-Policy', API_CSP);
    try {
      await next();
    } finally {
      if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
    }
  };
}
