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

export function openDatabase(config: DatabaseConfig): Db {
  if (config.kind === 'pg') {
    return knexFactory({
      client: 'pg',
      connection: config.url,
      pool: { min: 0, max: config.poolMax, idleTimeoutMillis: 10_000 },
      acquireConnectionTimeout: 10_000,
    });
  }
  mkdirSync(dirname(config.filename), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
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

/** One round trip, for the health check. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.raw('select 1');
}
