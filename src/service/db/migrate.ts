// The migrations, listed in code (so they run the same from build/ or anywhere), and running them. Several
// processes may start at once (API and workers); Knex's lock lets one migrate and the others retry.
import type { Knex } from 'knex';
import type { Logger } from '../log.js';
import { withoutStatementLimit, type Db } from './connect.js';
import * as createSimulationJobs from './migrations/20261129000000_create_simulation_jobs.js';
import * as addJobRequest from './migrations/20261205000000_add_job_request.js';
import * as resultsJson from './migrations/20261205060000_results_json.js';
import * as createSweeps from './migrations/20261205120000_create_sweeps.js';
import * as createCalibrations from './migrations/20261205180000_create_calibrations.js';
import * as resultsText from './migrations/20261205200000_results_text.js';
import * as jobFilesError from './migrations/20261205220000_job_files_error.js';

const MIGRATIONS: Record<string, Knex.Migration> = {
  '20261129000000_create_simulation_jobs': createSimulationJobs,
  '20261205000000_add_job_request': addJobRequest,
  '20261205060000_results_json': resultsJson,
  '20261205120000_create_sweeps': createSweeps,
  '20261205180000_create_calibrations': createCalibrations,
  '20261205200000_results_text': resultsText,
  '20261205220000_job_files_error': jobFilesError,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name],
};

const MIGRATOR: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migrations' };
/** Knex's lock table for MIGRATOR (its table name + '_lock'): one row, is_locked 0 or 1. */
const LOCK_TABLE = 'knex_migrations_lock';

export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The migration under way through each handle. Calls through one handle wait for each other: each Knex
 * attempt holds one pooled connection for its lock while it needs another, so concurrent attempts on one
 * pool could take every connection and time out (seen once in CI on a loaded host). Other processes are
 * arbitrated by Knex's lock.
 */
const underWay = new WeakMap<Db, Promise<unknown>>();

/** Applies every pending migration; returns the names applied. Retries while another process holds the lock. */
export function migrateToLatest(db: Db, log?: Logger, deadlineMs = 30_000): Promise<string[]> {
  const previous = underWay.get(db) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => migrateWithRetries(db, log, deadlineMs));
  underWay.set(db, next);
  return next;
}

async function migrateWithRetries(
  handle: Db,
  log: Logger | undefined,
  deadlineMs: number,
): Promise<string[]> {
  const { db, release } = withoutStatementLimit(handle);
  try {
    return await migrateUnlimited(db, log, deadlineMs);
  } finally {
    await release();
  }
}

async function migrateUnlimited(db: Db, log: Logger | undefined, deadlineMs: number): Promise<string[]> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const [, applied] = (await db.migrate.latest(MIGRATOR)) as [number, string[]];
      if (applied.length > 0) log?.info('migrations applied', { migrations: applied });
      return applied;
    } catch (error) {
      if (Date.now() - started > deadlineMs) throw error;
      log?.warn('migration attempt failed; retrying', { attempt, error });
      await keepOneLockRow(db).catch(() => {}); // the next attempt reports what still fails
      await sleep(250 + Math.random() * 500);
    }
  }
}

/**
 * Knex creates its lock table and row by check-then-insert, so processes migrating a new database at
 * once can insert two rows; its lock (an UPDATE that must change exactly one row) then fails for ever
 * ("already locked": seen in CI with three handles). Extra rows are never locked (the failed UPDATE is
 * rolled back), so the rows after the first are removed.
 */
async function keepOneLockRow(db: Db): Promise<void> {
  if (!(await db.schema.hasTable(LOCK_TABLE))) return;
  const rows = (await db(LOCK_TABLE).select('index').orderBy('index')) as { index: number }[];
  if (rows.length > 1) await db(LOCK_TABLE).where('index', '>', rows[0].index).del();
}

/** Undoes every migration (tests of `down`, and `precipitate migrate --rollback-all`). */
export async function rollbackAll(db: Db): Promise<string[]> {
  const [, undone] = (await db.migrate.rollback(MIGRATOR, true)) as [number, string[]];
  return undone;
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  const [, pending] = (await db.migrate.list(MIGRATOR)) as [unknown[], { file: string }[] | string[]];
  return pending.map((p) => (typeof p === 'string' ? p : p.file));
}

/** Clears a lock left by a process that died while migrating. */
export async function unlockMigrations(db: Db): Promise<void> {
  await db.migrate.forceFreeMigrationsLock(MIGRATOR);
}
