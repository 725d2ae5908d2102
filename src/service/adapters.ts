// Opens what both `serve` and `worker` need from the configuration: the database (migrated), the storage,
// the Redis client, and the engine threads with their job handler.
import { hostname } from 'node:os';
import { createClient, type RedisClient } from 'redis';
import type { Config } from '../config.js';
import { openDatabase, type Db } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { errorMessage, type Logger } from './log.js';
import type { JobNotifier } from './notify.js';
import { createEnginePool } from './runner/pool.js';
import { withFileMaking } from './runner/make-files.js';
import { createJobHandler, type JobHandler } from './runner/run-job.js';
import { createStorage, type Storage } from './storage/index.js';
import { withSweepChunks } from './sweeps/run-chunk.js';
import { openCalibrationRunner } from './calibrations/pool.js';
import { withCalibrations } from './calibrations/run-calibration.js';

async function openMigratedDatabase(config: Config, log: Logger): Promise<Db> {
  const db = openDatabase(config.database);
  try {
    if (config.migrateOnStart) await migrateToLatest(db, log);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** The migrated database and the storage, both registered with `closers`. */
export async function openJobStore(
  config: Config,
  log: Logger,
  closers: Closers,
): Promise<{ db: Db; storage: Storage }> {
  const db = await openMigratedDatabase(config, log);
  closers.add(() => db.destroy());
  const storage = createStorage(config.storage);
  closers.add(() => storage.close());
  return { db, storage };
}

/** A Redis client that reconnects forever (logging at most every 10 s) instead of giving up. */
export function openRedis(url: string, log: Logger): RedisClient {
  const client = createClient(url, { retry_strategy: (o) => Math.min(100 + o.attempt * 200, 2000) });
  let lastLogMs = 0;
  client.on('error', (error: unknown) => {
    if (Date.now() - lastLogMs < 10_000) return;
    lastLogMs = Date.now();
    log.warn('redis error', { error: errorMessage(error).replace(/\/\/[^/@\s]*@/g, '//***@') });
  });
  return client;
}

export function quitRedis(client: RedisClient): Promise<void> {
  return new Promise((resolve) => {
    if (!client.connected) {
      client.end(false);
      resolve();
      return;
    }
    client.quit(() => resolve());
  });
}

/** Engine threads (WORKER_CONCURRENCY, registered with `closers`) and the job handler that uses them. */
export function openRunner(
  config: Config,
  db: Db,
  storage: Storage,
  log: Logger,
  closers: Closers,
  notifier: JobNotifier,
): JobHandler {
  const { maxSteps, timeoutSeconds, memoryMb } = config.engineLimits;
  const limits = { maxSteps, timeoutMs: 1000 * timeoutSeconds, memoryMb };
  const pool = createEnginePool(config.workerConcurrency, config.engineKernel, log, limits);
  closers.add(() => pool.close());
  const deps = {
    db,
    storage,
    pool,
    log,
    notifier,
    workerId: `${hostname()}:${process.pid}`,
    maxAttempts: config.maxAttempts,
  };
  const calibration = { ...deps, runner: openCalibrationRunner(config, closers) };
  const simulations = withFileMaking(deps, createJobHandler(deps));
  return withCalibrations(calibration, withSweepChunks(deps, simulations));
}

/** Things to close, closed in reverse order of opening; a failed start-up closes what it had opened. */
export function createClosers() {
  const closers: (() => unknown)[] = [];
  return {
    add(close: () => unknown) {
      closers.push(close);
    },
    async closeAll(log: Logger) {
      for (const close of closers.splice(0).reverse()) {
        await Promise.resolve()
          .then(close)
          .catch((error: unknown) => log.warn('close failed', { error }));
      }
    },
  };
}

export type Closers = ReturnType<typeof createClosers>;

/** What `serve` and `worker` return: closes everything they opened, in reverse order. */
export function stoppable(closers: Closers, log: Logger): { close(): Promise<void> } {
  return {
    async close() {
      log.info('shutting down');
      await closers.closeAll(log);
      log.info('stopped');
    },
  };
}
