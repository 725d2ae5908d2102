// `precipitate worker`: consumes the bee-queue queue, WORKER_CONCURRENCY simulations at a time, each on an
// engine thread so that the process keeps answering Redis (stall detection) and cancellations.
import { ConfigError, describeConfig, type Config } from '../config.js';
import { openMigratedDatabase, openRunner, openStorage } from './adapters.js';
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
  const db = await openMigratedDatabase(config, log);
  const storage = openStorage(config);
  const runner = openRunner(config, db, storage, log);
  const worker = startBeeWorker(config.queue, runner.handler, config.workerConcurrency, log);
  log.info('worker started', describeConfig(config));
  return {
    async close() {
      log.info('shutting down');
      await worker.close(config.shutdownTimeoutSeconds * 1000);
      await runner.pool.close();
      storage.close();
      await db.destroy();
      log.info('stopped');
    },
  };
}
