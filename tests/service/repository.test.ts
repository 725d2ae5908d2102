// The job repository and the migrations, each test on PostgreSQL and on SQLite.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import * as jobs from '../../src/service/db/jobs.js';
import { JsonText } from '../../src/service/db/rows.js';
import {
  MIGRATION_NAMES,
  migrateToLatest,
  pendingMigrations,
  rollbackAll,
} from '../../src/service/db/migrate.js';
import { DATABASE_KINDS, openTestDb, type TestDb } from '../helpers/db.js';

const newJob = (over: Partial<jobs.NewJob> = {}): jobs.NewJob => ({
  id: randomUUID(),
  owner: 'key_a',
  input_params: { simulation_time_hours: 2, nested: { list: [1, 2] } },
  cache_key: 'c'.repeat(64),
  ...over,
});

async function withDb(kind: (typeof DATABASE_KINDS)[number], fn: (t: TestDb) => Promise<void>) {
  const db = await openTestDb(kind);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

for (const kind of DATABASE_KINDS) {
  test(`${kind}: migrations go up, down and up again; a second run changes nothing`, async (t) => {
    const { db, close } = await openTestDb(kind, false);
    try {
      t.deepEqual(await pendingMigrations(db), [...MIGRATION_NAMES]);
      t.deepEqual(await migrateToLatest(db), [...MIGRATION_NAMES]);
      t.deepEqual(await migrateToLatest(db), []);
      t.true(await db.schema.hasTable('simulation_jobs'));
      for (const column of [
        'id',
        'status',
        'input_params',
        'results',
        'error_message',
        'created_at',
        'started_at',
      ]) {
        t.true(await db.schema.hasColumn('simulation_jobs', column), column);
      }
      for (const column of [
        'completed_at',
        'result_urls',
        'progress',
        'attempt',
        'owner',
        'cache_key',
        'idempotency_key',
      ]) {
        t.true(await db.schema.hasColumn('simulation_jobs', column), column);
      }
      t.true(await db.schema.hasColumn('simulation_jobs', 'engine_version'));
      t.true(await db.schema.hasColumn('simulation_jobs', 'request'));
      t.deepEqual(await rollbackAll(db), [...[...MIGRATION_NAMES].reverse()]);
      t.false(await db.schema.hasTable('simulation_jobs'));
      t.deepEqual(await migrateToLatest(db), [...MIGRATION_NAMES]);
    } finally {
      await close();
    }
  });

  test(`${kind}: concurrent migrations from several processes' handles all succeed, each applied once`, async (t) => {
    const { db, another, close } = await openTestDb(kind, false);
    const others = [another(), another()];
    try {
      const results = await Promise.all([db, ...others].map((handle) => migrateToLatest(handle)));
      t.is(results.flat().length, MIGRATION_NAMES.length);
      t.deepEqual(await pendingMigrations(db), []);
    } finally {
      await Promise.all(others.map((handle) => handle.destroy()));
      await close();
    }
  });

  test(`${kind}: a lock table left with two rows by racing processes is mended`, async (t) => {
    const { db, close } = await openTestDb(kind, false);
    try {
      // What Knex's check-then-insert leaves when two processes create the lock table at once.
      await db.schema.createTable('knex_migrations_lock', (table) => {
        table.increments('index').primary();
        table.integer('is_locked');
      });
      await db('knex_migrations_lock').insert([{ is_locked: 0 }, { is_locked: 0 }]);
      t.deepEqual(await migrateToLatest(db), [...MIGRATION_NAMES]);
      t.is((await db('knex_migrations_lock').select('*')).length, 1);
      t.deepEqual(await pendingMigrations(db), []);
    } finally {
      await close();
    }
  });

  test(`${kind}: concurrent migrations through one handle run one after another`, async (t) => {
    const { db, close } = await openTestDb(kind, false);
    try {
      const results = await Promise.all([migrateToLatest(db), migrateToLatest(db), migrateToLatest(db)]);
      t.deepEqual(results, [[...MIGRATION_NAMES], [], []]);
      t.deepEqual(await pendingMigrations(db), []);
    } finally {
      await close();
    }
  });

  test(`${kind}: the normalized request is stored beside the body as submitted; older rows have none`, (t) =>
    withDb(kind, async ({ db }) => {
      const normalized = { composition: { MG: 0.0072, SI: 0.0057 }, config: { taylor_factor: 2.24 } };
      const job = await jobs.insertJob(db, newJob({ request: normalized }));
      const read = await jobs.getJob(db, job.id);
      t.deepEqual(read?.request, normalized);
      t.deepEqual(read?.input_params, job.input_params);
      const older = await jobs.insertJob(db, newJob());
      t.is((await jobs.getJob(db, older.id))?.request, null);
    }));

  test(`${kind}: a job round-trips with JSON, times and defaults`, (t) =>
    withDb(kind, async ({ db }) => {
      const job = newJob({ idempotency_key: 'k1' });
      const inserted = await jobs.insertJob(db, job);
      const read = await jobs.getJob(db, job.id);
      t.deepEqual(read, inserted);
      t.is(read?.status, 'pending');
      t.deepEqual(read?.input_params, job.input_params);
      t.deepEqual(read?.progress, { fraction: 0, simulated_hours: 0, steps: 0 });
      t.regex(read?.created_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      t.is(await jobs.getJob(db, randomUUID()), undefined);
      t.is((await jobs.findByIdempotencyKey(db, 'key_a', 'k1'))?.id, job.id);
      t.is(await jobs.findByIdempotencyKey(db, 'key_b', 'k1'), undefined);
      await t.throwsAsync(jobs.insertJob(db, newJob({ idempotency_key: 'k1' })), { any: true });
      await t.notThrowsAsync(jobs.insertJob(db, newJob({ owner: 'key_b', idempotency_key: 'k1' })));
    }));

  test(`${kind}: claiming, progress, completion and repeated delivery`, (t) =>
    withDb(kind, async ({ db }) => {
      const { id } = await jobs.insertJob(db, newJob());
      const first = await jobs.claimJob(db, id, 'w1', 3);
      if (first.outcome !== 'claimed') return t.fail(first.outcome);
      t.is(first.job.attempt, 1);
      t.is(first.job.status, 'running');
      t.true(await jobs.saveProgress(db, id, 1, { fraction: 0.5, simulated_hours: 1, steps: 10 }));
      t.deepEqual((await jobs.getJob(db, id))?.progress, { fraction: 0.5, simulated_hours: 1, steps: 10 });
      // The worker died: another takes over; the first attempt's writes no longer count.
      const second = await jobs.claimJob(db, id, 'w2', 3);
      t.is(second.outcome === 'claimed' && second.job.attempt, 2);
      t.false(await jobs.saveProgress(db, id, 1, { fraction: 0.9, simulated_hours: 1.8, steps: 20 }));
      const done = {
        results: { summary: { a: 1 }, series: { b: [1] } },
        result_urls: { raw_data: 'results.json' },
      };
      t.false(
        await jobs.completeJob(db, id, 1, {
          ...done,
          engine_version: 'x',
          progress: { fraction: 1, simulated_hours: 2, steps: 3 },
        }),
      );
      t.true(
        await jobs.completeJob(db, id, 2, {
          ...done,
          engine_version: 'x',
          progress: { fraction: 1, simulated_hours: 2, steps: 3 },
        }),
      );
      const row = await jobs.getJob(db, id);
      t.is(row?.status, 'completed');
      t.deepEqual(row?.results, done.results);
      t.deepEqual(row?.result_urls, done.result_urls);
      t.truthy(row?.completed_at);
      // At least once: a completed job is not run again.
      t.deepEqual(await jobs.claimJob(db, id, 'w3', 3), { outcome: 'finished', status: 'completed' });
      t.deepEqual(await jobs.claimJob(db, randomUUID(), 'w3', 3), { outcome: 'missing' });
      t.false(await jobs.cancelJob(db, id));
    }));

  test(`${kind}: cancellation, failure, release and attempts`, (t) =>
    withDb(kind, async ({ db }) => {
      const a = await jobs.insertJob(db, newJob());
      await jobs.claimJob(db, a.id, 'w', 5);
      t.true(await jobs.cancelJob(db, a.id));
      t.deepEqual(await jobs.jobState(db, a.id), { status: 'cancelled', attempt: 1 });
      t.false(await jobs.saveProgress(db, a.id, 1, { fraction: 1, simulated_hours: 1, steps: 1 }));
      t.deepEqual(await jobs.claimJob(db, a.id, 'w', 5), { outcome: 'finished', status: 'cancelled' });
      t.false(await jobs.deleteFinishedJob(db, randomUUID()));
      t.true(await jobs.deleteFinishedJob(db, a.id));
      t.is(await jobs.getJob(db, a.id), undefined);

      const b = await jobs.insertJob(db, newJob());
      t.false(await jobs.deleteFinishedJob(db, b.id), 'an unfinished job is not deleted');
      await jobs.claimJob(db, b.id, 'w', 2);
      t.true(await jobs.releaseJob(db, b.id, 1));
      t.is((await jobs.getJob(db, b.id))?.status, 'pending');
      await jobs.claimJob(db, b.id, 'w', 2);
      t.deepEqual(await jobs.claimJob(db, b.id, 'w', 2), { outcome: 'exhausted', attempts: 2 });
      t.true(await jobs.failJob(db, b.id, undefined, 'gave up'));
      const failed = await jobs.getJob(db, b.id);
      t.is(failed?.status, 'failed');
      t.is(failed?.error_message, 'gave up');
    }));

  test(`${kind}: listing is per owner, newest first, filtered and paged by cursor`, (t) =>
    withDb(kind, async ({ db }) => {
      const mine: string[] = [];
      for (let i = 0; i < 7; i++) {
        mine.push((await jobs.insertJob(db, newJob())).id);
        await jobs.insertJob(db, newJob({ owner: 'key_other' }));
      }
      await jobs.cancelJob(db, mine[2]);
      const seen: string[] = [];
      let after: jobs.ListQuery['after'];
      for (;;) {
        const page = await jobs.listJobs(db, { owner: 'key_a', limit: 3, after });
        seen.push(...page.map((r) => r.id));
        if (page.length < 3) break;
        after = page[page.length - 1];
      }
      t.is(seen.length, 7);
      t.deepEqual([...seen].sort(), [...mine].sort());
      const rows = await jobs.listJobs(db, { owner: 'key_a', limit: 100 });
      for (let i = 1; i < rows.length; i++) t.true(rows[i - 1].created_at >= rows[i].created_at);
      t.deepEqual(
        (await jobs.listJobs(db, { owner: 'key_a', status: 'cancelled', limit: 10 })).map((r) => r.id),
        [mine[2]],
      );
      t.is(rows[0].results, null, 'listings leave the results out');
      t.deepEqual((await jobs.listUnfinished(db, 100)).length, 13);
    }));

  test(`${kind}: a completed original is found by cache key; copies are not`, (t) =>
    withDb(kind, async ({ db }) => {
      const key = 'd'.repeat(64);
      t.is(await jobs.findReusable(db, key), undefined);
      const original = await jobs.insertJob(db, newJob({ cache_key: key }));
      t.is(await jobs.findReusable(db, key), undefined, 'a pending job is not reusable');
      await jobs.claimJob(db, original.id, 'w', 3);
      await jobs.completeJob(db, original.id, 1, {
        results: { summary: {}, series: {} },
        result_urls: {},
        engine_version: '0',
        progress: { fraction: 1, simulated_hours: 2, steps: 1 },
      });
      t.is((await jobs.findReusable(db, key))?.id, original.id);
      await jobs.insertJob(db, newJob({ cache_key: key, status: 'completed', cached_from: original.id }));
      t.is((await jobs.findReusable(db, key))?.id, original.id);
      t.true((await jobs.recentSecondsPerHour(db)) !== undefined);
    }));

  test(`${kind}: results given as the engine thread's JSON text are stored as that text`, (t) =>
    withDb(kind, async ({ db }) => {
      const job = newJob();
      await jobs.insertJob(db, job);
      await jobs.claimJob(db, job.id, 'w', 3);
      // Numbers as JSON.stringify writes them, so that the text reads back verbatim from a json column.
      const text =
        '{"summary":{"peak_mpa":446.4389637254635},"series":{"t":[0,1e-7]},"timing":{"engine_ms":181}}';
      t.true(
        await jobs.completeJob(db, job.id, 1, {
          results: new JsonText(text),
          result_urls: {},
          engine_version: '0',
          progress: { fraction: 1, simulated_hours: 2, steps: 1 },
        }),
      );
      t.is((await jobs.getJobResultsText(db, job.id))?.resultsText, text);
      t.deepEqual((await jobs.getJob(db, job.id))?.results, JSON.parse(text));
    }));
}
