// `precipitate worker`: consumes the bee-queue queue, WORKER_CONCURRENCY simulations at a time, each on an
// engine thread so that the process keeps answering Redis (stall detection) and cancellations.
import { ConfigError, describeConfig, type Config } from '../config.js';
import { createClosers, openJobStore, openRedis, openRunner, quitRedis, stoppable } from './adapters.js';
import { createRedisNotifier } from './notify.js';
import type { Logger } from './log.js';
import { startBeeWorker } from './queue/bee.js';

export interface RunningWorker {
  close(): Promise<void>;
}

export async function startWorker(config: Config, log: Logger): Promise<RunningWorker> {
  if (config.queue.kind !== 'bee') {
    throw new ConfigError([
      'REDIS_URL: `precipitate worker` needs it; without REDIS_URL, `precipitate serve` runs the simulations itself',
    ]);
  }
  const closers = createClosers();
  try {
    const { db, storage } = await openJobStore(config, log, closers);
    const redis = openRedis(config.queue.redisUrl, log);
    closers.add(() => quitRedis(redis));
    const notifier = createRedisNotifier(redis, config.queue.prefix, log, {
      subscribe: false,
    });
    const handler = openRunner(config, db, storage, log, closers, notifier);
    const worker = startBeeWorker(config.queue, handler, config.workerConcurrency, log);
    closers.add(() => worker.close(config.shutdownTimeoutSeconds * 1000));
    log.info('worker started', describeConfig(config));
  } catch (error) {
    await closers.closeAll(log);
    throw error;
  }
  return stoppable(closers, log);
}
