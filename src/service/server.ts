// `precipitate serve`: the API process. With REDIS_URL it only produces jobs for `precipitate worker`
// processes; without it, it runs them itself on engine threads (the embedded mode).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeConfig, type Config } from '../config.js';
import { ENGINE_VERSION } from '../engine/index.js';
import { loadDatabase } from '../runtime/node.js';
import { createClosers, openJobStore, openRedis, openRunner, quitRedis, stoppable } from './adapters.js';
import { createApp } from './api/app.js';
import type { Logger } from './log.js';
import { createLocalNotifier, createRedisNotifier, type JobNotifier } from './notify.js';
import { createBeeProducer } from './queue/bee.js';
import { createLocalQueue } from './queue/local.js';
import type { JobQueue } from './queue/types.js';
import { createRateLimiter } from './rate-limit.js';
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

export async function startServer(
  config: Config,
  log: Logger,
  /** How often a waiting POST /simulate re-reads its row when no notification came (tests make it huge). */
  notifySafetyPollMs?: number,
): Promise<RunningServer> {
  const closers = createClosers();
  try {
    const { db, storage } = await openJobStore(config, log, closers);
    const redis = config.redis ? openRedis(config.redis.url, log) : undefined;
    if (redis) closers.add(() => quitRedis(redis));
    let queue: JobQueue;
    let notifier: JobNotifier;
    if (config.queue.kind === 'bee' && redis) {
      queue = createBeeProducer(config.queue, redis);
      notifier = createRedisNotifier(redis, config.queue.prefix, log, {
        subscribe: true,
        safetyPollMs: notifySafetyPollMs,
      });
    } else {
      notifier = createLocalNotifier(notifySafetyPollMs);
      const handler = openRunner(config, db, storage, log, closers, notifier);
      queue = createLocalQueue(handler, config.workerConcurrency, log);
    }
    closers.add(() => notifier.close());
    closers.add(() => queue.close(config.shutdownTimeoutSeconds * 1000));
    const shutdown = new AbortController();
    const engine = { version: ENGINE_VERSION, databaseSha256: (await loadDatabase()).sha256 };
    const shared = redis && config.redis ? { client: redis, prefix: config.redis.prefix } : undefined;
    const limiter = createRateLimiter(config.rateLimitPerMinute, shared, log);
    const authFailures = createRateLimiter(config.authFailuresPerMinute, shared, log);
    const app = createApp({
      db,
      queue,
      storage,
      notifier,
      limiter,
      authFailures,
      log,
      engine,
      settings: config,
      shutdown: shutdown.signal,
    });
    const server = createServer(app.callback());
    const address = await listen(server, config.port, config.host);
    closers.add(() => closeHttp(server, 5000));
    // A running job's worker writes its progress every 0.5 s: twice the stall interval without one is a
    // worker that stopped (embedded: no other worker could take the job, so no running job is skipped).
    const liveMs = config.queue.kind === 'bee' ? 2 * config.queue.stallIntervalMs : 0;
    const reconciler = startReconciler(db, queue, log, config.reconcileIntervalSeconds * 1000, liveMs);
    closers.add(() => reconciler.stop());
    closers.add(() => shutdown.abort());
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    log.info('listening', { url, ...describeConfig(config) });
    return { url, ...stoppable(closers, log) };
  } catch (error) {
    await closers.closeAll(log);
    throw error;
  }
}
