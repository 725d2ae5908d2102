// A database of either kind for one test: a PostgreSQL schema or an SQLite file in a temporary directory.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/service/db/connect.js';
import { migrateToLatest } from '../../src/service/db/migrate.js';
import { createPgSchema, tempDir } from '../../tools/harness/services.js';

export const DATABASE_KINDS = ['postgresql', 'sqlite'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface TestDb {
  db: Db;
  /** DATABASE_URL for child processes (PostgreSQL), or undefined (SQLite). */
  url?: string;
  /** Another handle (its own pool) on the same database, as another process would have; caller destroys. */
  another(): Db;
  close(): Promise<void>;
}

export async function openTestDb(kind: DatabaseKind, migrate = true): Promise<TestDb> {
  if (kind === 'postgresql') {
    const schema = await createPgSchema();
    const db = openDatabase({ kind: 'pg', url: schema.url, poolMax: 4 });
    if (migrate) await migrateToLatest(db);
    return {
      db,
      url: schema.url,
      another: () => openDatabase({ kind: 'pg', url: schema.url, poolMax: 4 }),
      async close() {
        await db.destroy();
        await schema.drop();
      },
    };
  }
  const dir = await tempDir('sqlite');
  const filename = join(dir.path, 'test.sqlite');
  const db = openDatabase({ kind: 'sqlite', filename });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    another: () => openDatabase({ kind: 'sqlite', filename }),
    async close() {
      await db.destroy();
      await dir.remove();
    },
  };
}
