// What bee-queue needs from Redis beyond what it does itself, so that the queue survives a Redis restart or
// failover (bee-queue issue #489): its Lua scripts are loaded once at start-up and called by SHA, and a new
// Redis answers NOSCRIPT to every call until some process loads them again. Here a NOSCRIPT answer runs
// the script by its text instead (EVAL), which also caches it in the new Redis.
import { createRequire } from 'node:module';
import type { RedisClient } from 'redis';

type Callback = (error: Error | null, value?: unknown) => void;
type Command = (...args: unknown[]) => boolean;

// bee-queue's own scripts, by name: the text it read and the SHA it calls.
const lua = createRequire(import.meta.url)('bee-queue/lib/lua') as {
  scripts: Record<string, string>;
  shas: Record<string, string>;
};

function scriptText(sha: unknown): string | undefined {
  const name = Object.keys(lua.shas).find((key) => lua.shas[key] === sha);
  return name === undefined ? undefined : lua.scripts[name];
}

/** Makes the client's EVALSHA fall back to EVAL on NOSCRIPT (a Redis that lost its script cache). */
export function reloadScriptsOnNoscript(client: RedisClient): RedisClient {
  const target = client as unknown as { evalsha: Command; eval: Command };
  const evalsha = target.evalsha.bind(client);
  const evalText = target.eval.bind(client);
  target.evalsha = (...args: unknown[]) => {
    const callback = typeof args.at(-1) === 'function' ? (args.pop() as Callback) : () => undefined;
    return evalsha(...args, (error: Error | null, value: unknown) => {
      const text = error && /NOSCRIPT/.test(error.message) ? scriptText(args[0]) : undefined;
      if (text === undefined) return callback(error, value);
      evalText(text, ...args.slice(1), callback);
    });
  };
  return client;
}

// Moves a job id from the back of the waiting list (where bee-queue puts stalled and retried jobs) to its
// front, only if it is still waiting (a worker may have taken it meanwhile).
const TO_FRONT = `if redis.call('lrem', KEYS[1], 0, ARGV[1]) > 0 then
  redis.call('rpush', KEYS[1], ARGV[1]) return 1 end return 0`;

/** Puts a waiting job next in line: a re-delivered job does not wait behind the queue it was ahead of. */
export function moveToFront(client: RedisClient, waitingKey: string, jobId: string): Promise<boolean> {
  return new Promise((resolve, reject) =>
    client.eval(TO_FRONT, 1, waitingKey, jobId, (error, moved) =>
      error ? reject(error) : resolve(moved === 1),
    ),
  );
}
