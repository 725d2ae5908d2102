// Fixed-window rate limits per client (API key, or IP address without keys): in memory for one process,
// or in Redis so that every API process shares the count. A Redis failure lets requests through (logged).
import type { RedisClient } from 'redis';
import type { Logger } from './log.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(client: string): Promise<RateDecision>;
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
    async hit(client) {
      const now = Date.now();
      const current = Math.floor(now / 1000 / WINDOW_SECONDS);
      if (current !== window) {
        window = current;
        counts = new Map();
      }
      const count = (counts.get(client) ?? 0) + 1;
      counts.set(client, count);
      return decide(count, limitPerMinute, now);
    },
  };
}

export function createRedisRateLimiter(
  client: RedisClient,
  prefix: string,
  limitPerMinute: number,
  log: Logger,
): RateLimiter {
  return {
    async hit(who) {
      const now = Date.now();
      if (!client.connected) return decide(0, limitPerMinute, now);
      const key = `${prefix}:ratelimit:${Math.floor(now / 1000 / WINDOW_SECONDS)}:${who}`;
      try {
        const count = await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('Redis did not answer in 1 s')), 1000);
          client
            .multi()
            .incr(key)
            .expire(key, WINDOW_SECONDS + 5)
            .exec((error, replies) => {
              clearTimeout(timer);
              if (error) reject(error);
              else resolve(Number(replies[0]));
            });
        });
        return decide(count, limitPerMinute, now);
      } catch (error) {
        log.warn('rate limit check failed; request let through', { error });
        return decide(0, limitPerMinute, now);
      }
    },
  };
}

export const unlimited: RateLimiter = {
  hit: async () => ({ allowed: true, limit: 0, remaining: 0, retryAfterSeconds: 0 }),
};
