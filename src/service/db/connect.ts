// Opens the database the configuration names: PostgreSQL through pg, or an embedded SQLite file through
// better-sqlite3. Everything above this file is the same for both.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from '../../config.js';

export type Db = Knex;

interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * PostgreSQL time limits, so that a database that refuses or hangs gives an error (503 in the API) within
 * about 2 s rather than after the defaults' 10 s or never: connecting, waiting for a pooled connection, and
 * each statement (timed by the client, since a hung server cannot enforce its own statement_timeout).
 */
export const PG_TIMEOUTS_MS = { connect: 1000, acquire: 1500, statement: 2000 };

/**
 * Knex's own messages, as JSON lines on stderr instead of multi-line text on stdout. A failed connection
 * attempt is left out: the query that needed it fails with the same error and is logged or answered there.
 */
const knexLog = (level: 'warn' | 'error' | 'debug') => (message: unknown) => {
  const text = message instanceof Error ? message.message : String(message);
  if (/^(Acquire connection error|Connection Error)/.test(text)) return;
  const line = { time: new Date().toISOString(), level, message: 'knex', detail: text.split('\n')[0] };
  process.stderr.write(`${JSON.stringify(line)}\n`);
};
const log = {
  warn: knexLog('warn'),
  error: knexLog('error'),
  deprecate: knexLog('warn'),
  debug: knexLog('debug'),
};

export function openDatabase(config: DatabaseConfig): Db {
  if (config.kind === 'pg') {
    return knexFactory({
      client: 'pg',
      log,
      connection: {
        connectionString: config.url,
        connectionTimeoutMillis: PG_TIMEOUTS_MS.connect,
        query_timeout: PG_TIMEOUTS_MS.statement,
        keepAlive: true,
      },
      pool: { min: 0, max: config.poolMax, idleTimeoutMillis: 10_000 },
      acquireConnectionTimeout: PG_TIMEOUTS_MS.acquire,
    });
  }
  mkdirSync(dirname(config.filename), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    log,
    connection: { filename: config.filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (error: Error | null, conn: SqliteConnection) => void) {
        // WAL lets the API read while a worker process writes; busy_timeout waits out the other's lock.
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
        done(null, conn);
      },
    },
  });
}

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

/**
 * The same database without the statement time limit, for migrations (an index on a large table takes
 * longer than 2 s); release() closes what this opened.
 */
export function withoutStatementLimit(db: Db): { db: Db; release(): Promise<void> } {
  if (!isPostgres(db)) return { db, release: async () => undefined };
  const config = db.client.config as Knex.Config;
  const connection = { ...(config.connection as Record<string, unknown>), query_timeout: undefined };
  const own = knexFactory({
    ...config,
    connection,
    acquireConnectionTimeout: 60_000,
    pool: { min: 0, max: 2 },
  });
  return { db: own, release: () => own.destroy() };
}

/** One round trip, for the health check. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.raw('select 1');
}
