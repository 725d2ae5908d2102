// `precipitate serve`: the API process. With REDIS_URL it only produces jobs for `precipitate worker`
// processes; without it, it runs them itself on engine threads (the embedded mode).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeConfig, type Config } from '../config.js';
import { ENGINE_VERSION } from '../engine/index.js';
import { loadDatabase } from '../runtime/node.js';
import { openMigratedDatabase, openRedis, openRunner, openStorage, quitRedis, type Runner } from './adapters.js';
import { createApp } from './api/app.js';
import type { Logger } from './log.js';
import { createBeeProducer } from './queue/bee.js';
import { createLocalQueue } from './queue/local.js';
import type { JobQueue } from './queue/types.js';
import { createMemoryRateLimiter, createRedisRateLimiter, unlimited } from './rate-limit.js';
import { startReconciler } from './reconcile.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeHttp(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const db = await openMigratedDatabase(config, log);
  const storage = openStorage(config);
  const redis = config.redis ? openRedis(config.redis.url, log) : undefined;
  let runner: Runner | undefined;
  let queue: JobQueue;
  if (config.queue.kind === 'bee' && redis) {
    queue = createBeeProducer(config.queue, redis);
  } else {
    runner = openRunner(config, db, storage, log);
    queue = createLocalQueue(runner.handler, config.workerConcurrency, log);
  }
  const perMinute = config.rateLimitPerMinute;
  const limiter =
    perMinute === 0
      ? unlimited
      : redis && config.redis
        ? createRedisRateLimiter(redis, config.redis.prefix, perMinute, log)
        : createMemoryRateLimiter(perMinute);
  const shutdown = new AbortController();
  const engine = { version: ENGINE_VERSION, databaseSha256: (await loadDatabase()).sha256 };
  const app = createApp({
    db,
    queue,
    storage,
    limiter,
    log,
    engine,
    settings: config,
    shutdown: shutdown.signal,
  });
  const server = createServer(app.callback());
  const address = await listen(server, config.port, config.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const reconciler = startReconciler(db, queue, log, config.reconcileIntervalSeconds * 1000);
  log.info('listening', { url, ...describeConfig(config) });

  return {
    url,
    async close() {
      log.info('shutting down');
      shutdown.abort();
      await closeHttp(server, 5000);
      await reconciler.stop();
      await queue.close(config.shutdownTimeoutSeconds * 1000);
      await runner?.pool.close();
      storage.close();
      if (redis) await quitRedis(redis);
      await db.destroy();
      log.info('stopped');
    },
  };
}
