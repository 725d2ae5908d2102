// Opens what both `serve` and `worker` need from the configuration: the database (migrated), the storage,
// the Redis client, and the engine threads with their job handler.
import { hostname } from 'node:os';
import { createClient, type RedisClient } from 'redis';
import type { Config } from '../config.js';
import { openDatabase, type Db } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { errorMessage, type Logger } from './log.js';
import { createEnginePool, type EnginePool } from './runner/pool.js';
import { createJobHandler, type JobHandler } from './runner/run-job.js';
import { createStorage, type Storage } from './storage/index.js';

export async function openMigratedDatabase(config: Config, log: Logger): Promise<Db> {
  const db = openDatabase(config.database);
  try {
    if (config.migrateOnStart) await migrateToLatest(db, log);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

export function openStorage(config: Config): Storage {
  return createStorage(config.storage);
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

export interface Runner {
  pool: EnginePool;
  handler: JobHandler;
}

/** Engine threads and the job handler that uses them (WORKER_CONCURRENCY threads). */
export function openRunner(config: Config, db: Db, storage: Storage, log: Logger): Runner {
  const pool = createEnginePool(config.workerConcurrency, config.engineKernel, log);
  const handler = createJobHandler({
    db,
    storage,
    pool,
    log,
    workerId: `${hostname()}:${process.pid}`,
    maxAttempts: config.maxAttempts,
  });
  return { pool, handler };
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
