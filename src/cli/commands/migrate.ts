// `precipitate migrate`: brings the database (DATABASE_URL, or the embedded SQLite file) up to date.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config.js';
import { openDatabase } from '../../service/db/connect.js';
import {
  migrateToLatest,
  pendingMigrations,
  rollbackAll,
  unlockMigrations,
} from '../../service/db/migrate.js';
import { UsageError, usageFrom, type CliCommand } from '../command.js';

const usage = `Usage: precipitate migrate [--status | --rollback-all | --unlock]

Applies every pending migration to the database DATABASE_URL names (PostgreSQL), or to the embedded SQLite
database under DATA_DIR. \`serve\` and \`worker\` do the same at start-up unless MIGRATE_ON_START=false.
  --status         list pending migrations, change nothing
  --rollback-all   undo every migration (drops the tables: all jobs are lost)
  --unlock         clear the migration lock left by a process that died while migrating`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: {
        status: { type: 'boolean', default: false },
        'rollback-all': { type: 'boolean', default: false },
        unlock: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw usageFrom(error);
  }
}

async function run(args: string[]): Promise<number> {
  const o = parse(args);
  if ([o.status, o['rollback-all'], o.unlock].filter(Boolean).length > 1) {
    throw new UsageError('give at most one of --status, --rollback-all, --unlock');
  }
  let config;
  try {
    config = loadConfig(process.env, undefined, { listens: false });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const db = openDatabase(config.database);
  try {
    if (o.status) {
      const pending = await pendingMigrations(db);
      console.log(pending.length === 0 ? 'up to date' : `pending: ${pending.join(', ')}`);
    } else if (o['rollback-all']) {
      console.log(`rolled back: ${(await rollbackAll(db)).join(', ') || 'nothing'}`);
    } else if (o.unlock) {
      await unlockMigrations(db);
      console.log('migration lock cleared');
    } else {
      const applied = await migrateToLatest(db);
      console.log(applied.length === 0 ? 'already up to date' : `applied: ${applied.join(', ')}`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

export const command: CliCommand = {
  summary: 'apply database migrations (also run at start-up)',
  usage,
  run,
};
