// Fixed-window rate limits per client (API key, or IP address without keys; failed key checks per IP
// address): in memory for one process, or in Redis so that every API process shares the count. A Redis
// failure lets requests through (logged).
import type { RedisClient } from 'redis';
import type { Logger } from './log.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts one request of the client (or `weight` of them: a sweep counts as its runs; a negative weight
   * gives back what a refused request took) and says whether it may go on.
   */
  hit(client: string, weight?: number): Promise<RateDecision>;
  /** Whether the client's next request would be allowed, counting nothing. */
  peek(client: string): Promise<RateDecision>;
}

const WINDOW_SECONDS = 60;

function decide(count: number, limit: number, nowMs: number): RateDecision {
  const windowEndsMs = (Math.floor(nowMs / 1000 / WINDOW_SECONDS) + 1) * WINDOW_SECONDS * 1000;
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((windowEndsMs - nowMs) / 1000)),
  };
}

export function createMemoryRateLimiter(limitPerMinute: number): RateLimiter {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    async hit(client, weight = 1) {
      const now = Date.now();
      const current = Math.floor(now / 1000 / WINDOW_SECONDS);
      if (current !== window) {
        window = current;
        counts = new Map();
      }
      const count = (counts.get(client) ?? 0) + weight;
      counts.set(client, count);
      return decide(count, limitPerMinute, now);
    },
    async peek(client) {
      const now = Date.now();
      const current = Math.floor(now / 1000 / WINDOW_SECONDS);
      return decide((current === window ? (counts.get(client) ?? 0) : 0) + 1, limitPerMinute, now);
    },
  };
}

export function createRedisRateLimiter(
  client: RedisClient,
  prefix: string,
  limitPerMinute: number,
  log: Logger,
): RateLimiter {
  /** The count after `increment` of the client's key in this window. */
  const count = async (who: string, increment: number, now: number): Promise<number> => {
    const key = `${prefix}:ratelimit:${Math.floor(now / 1000 / WINDOW_SECONDS)}:${who}`;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not answer in 1 s')), 1000);
      client
        .multi()
        .incrby(key, increment)
        .expire(key, WINDOW_SECONDS + 5)
        .exec((error, replies) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(Number(replies[0]));
        });
    });
  };
  const check = async (who: string, increment: number) => {
    const now = Date.now();
    if (!client.connected) return decide(0, limitPerMinute, now);
    try {
      // A hit is judged by the count it made; a peek by the count the next request would make.
      const counted = await count(who, increment, now);
      return decide(increment === 0 ? counted + 1 : counted, limitPerMinute, now);
    } catch (error) {
      log.warn('rate limit check failed; request let through', { error });
      return decide(0, limitPerMinute, now);
    }
  };
  return { hit: (who, weight = 1) => check(who, weight), peek: (who) => check(who, 0) };
}

const allowAll = async (): Promise<RateDecision> => ({
  allowed: true,
  limit: 0,
  remaining: 0,
  retryAfterSeconds: 0,
});

export const unlimited: RateLimiter = { hit: allowAll, peek: allowAll };

/** A limiter of `perMinute` requests per client (unlimited for 0): shared through Redis when there is one. */
export function createRateLimiter(
  perMinute: number,
  redis: { client: RedisClient; prefix: string } | undefined,
  log: Logger,
): RateLimiter {
  if (perMinute === 0) return unlimited;
  if (redis) return createRedisRateLimiter(redis.client, redis.prefix, perMinute, log);
  return createMemoryRateLimiter(perMinute);
}
