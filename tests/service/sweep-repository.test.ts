// The sweep repository and its migration, each test on PostgreSQL and on SQLite.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { migrateToLatest, rollbackAll } from '../../src/service/db/migrate.js';
import * as sweeps from '../../src/service/db/sweeps.js';
import { DATABASE_KINDS, openTestDb, type DatabaseKind, type TestDb } from '../helpers/db.js';

async function withDb(kind: DatabaseKind, fn: (t: TestDb) => Promise<void>) {
  const db = await openTestDb(kind);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

/** A sweep of `total` runs, `chunkRuns` per chunk; run i has temperature 100 + i and cache key k<i>. */
async function newSweep(db: TestDb['db'], total: number, chunkRuns: number) {
  const id = randomUUID();
  const runs = Array.from({ length: total }, (_, i) => ({
    run_index: i,
    axis_values: [100 + i],
    request: { temperature: 100 + i },
    cache_key: `k${i}-${id}`.slice(0, 64),
  }));
  await sweeps.insertSweep(
    db,
    {
      id,
      owner: 'key_a',
      document: { axes: [] },
      axes: [{ name: 'T', values: runs.map((r) => r.axis_values[0]) }],
      chunk_runs: chunkRuns,
    },
    runs,
  );
  return id;
}

for (const kind of DATABASE_KINDS) {
  test(`${kind}: the sweep tables go up and down with the migrations`, async (t) => {
    await withDb(kind, async ({ db }) => {
      t.true(await db.schema.hasTable('sweeps'));
      t.true(await db.schema.hasColumn('sweep_runs', 'metrics'));
      await rollbackAll(db);
      t.false(await db.schema.hasTable('sweeps'));
      t.false(await db.schema.hasTable('sweep_runs'));
      await migrateToLatest(db);
      t.true(await db.schema.hasTable('sweep_runs'));
    });
  });

  test(`${kind}: a sweep is stored with its runs in chunks, read back in order`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newSweep(db, 250, 4);
      const sweep = await sweeps.getSweep(db, id);
      t.is(sweep?.status, 'pending');
      t.is(sweep?.total_runs, 250);
      t.deepEqual(sweep?.document, { axes: [] });
      t.deepEqual(sweep?.axes[0].values.slice(0, 2), [100, 101]);
      const runs = await sweeps.listRuns(db, id, true);
      t.deepEqual(
        runs.map((r) => r.run_index),
        Array.from({ length: 250 }, (_, i) => i),
      );
      t.deepEqual(runs[9].axis_values, [109]);
      t.is(runs[9].chunk, 2);
      t.deepEqual(runs[9].request, { temperature: 109 });
      t.deepEqual(await sweeps.runCounts(db, id), {
        pending: 250,
        running: 0,
        completed: 0,
        failed: 0,
        cancelled: 0,
      });
      t.is(sweeps.chunkCount(250, 4), 63);
    });
  });

  test(`${kind}: a run is stored once even when two deliveries of its chunk finish it`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newSweep(db, 6, 3);
      const first = await sweeps.claimChunk(db, id, 1, 'w1');
      t.deepEqual(
        first.map((r) => r.run_index),
        [3, 4, 5],
      );
      t.is((await sweeps.getSweep(db, id))?.status, 'running');
      t.true(await sweeps.completeRun(db, id, 3, { metrics: { peak: 1.5 }, curves: { t: [0, 1] } }));
      // The worker died; another delivery takes the chunk and gets only what is left.
      const second = await sweeps.claimChunk(db, id, 1, 'w2');
      t.deepEqual(
        second.map((r) => [r.run_index, r.attempt]),
        [
          [4, 2],
          [5, 2],
        ],
      );
      t.false(await sweeps.completeRun(db, id, 3, { metrics: { peak: 9 }, curves: null }));
      t.true(await sweeps.completeRun(db, id, 4, { metrics: { peak: 2 }, curves: null }));
      t.false(await sweeps.completeRun(db, id, 4, { metrics: { peak: 3 }, curves: null }));
      t.true(await sweeps.failRun(db, id, 5, 'engine error'));
      const runs = await sweeps.listRuns(db, id);
      t.deepEqual(runs[3].metrics, { peak: 1.5 });
      t.deepEqual(runs[4].metrics, { peak: 2 });
      t.is(runs[5].error_message, 'engine error');
      t.is(runs[3].curves, null, 'curves are left out unless asked for');
      t.false(await sweeps.finishIfDone(db, id), 'chunk 0 is still pending');
      for (const r of await sweeps.claimChunk(db, id, 0, 'w1'))
        await sweeps.completeRun(db, id, r.run_index, { metrics: {}, curves: null });
      t.true(await sweeps.finishIfDone(db, id));
      t.is((await sweeps.getSweep(db, id))?.status, 'completed');
      t.deepEqual(await sweeps.claimChunk(db, id, 1, 'w3'), []);
    });
  });

  test(`${kind}: a sweep whose every run failed ends failed, naming the first run's error`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newSweep(db, 3, 3);
      await sweeps.claimChunk(db, id, 0, 'w1');
      await sweeps.failRun(db, id, 2, 'too many steps');
      await sweeps.failRun(db, id, 0, 'engine error');
      t.false(await sweeps.finishIfDone(db, id), 'run 1 is still running');
      await sweeps.failRun(db, id, 1, 'engine error');
      t.true(await sweeps.finishIfDone(db, id));
      const sweep = await sweeps.getSweep(db, id);
      t.is(sweep?.status, 'failed');
      t.is(sweep?.error_message, 'every run failed; run 0: engine error');
      t.truthy(sweep?.completed_at);
      t.false(await sweeps.finishIfDone(db, id), 'a finished sweep is not finished again');
    });
  });

  test(`${kind}: a cancelled sweep cancels its unfinished runs and keeps the finished ones`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newSweep(db, 4, 2);
      await sweeps.claimChunk(db, id, 0, 'w1');
      await sweeps.completeRun(db, id, 0, { metrics: { a: 1 }, curves: null });
      t.false(await sweeps.deleteFinishedSweep(db, id), 'an unfinished sweep is not deleted');
      t.true(await sweeps.cancelSweep(db, id));
      t.false(await sweeps.cancelSweep(db, id));
      t.false(await sweeps.sweepUnfinished(db, id));
      t.deepEqual(await sweeps.runCounts(db, id), {
        pending: 0,
        running: 0,
        completed: 1,
        failed: 0,
        cancelled: 3,
      });
      t.false(await sweeps.completeRun(db, id, 1, { metrics: {}, curves: null }));
      t.deepEqual(await sweeps.claimChunk(db, id, 1, 'w1'), []);
      t.true(await sweeps.deleteFinishedSweep(db, id));
      t.is(await sweeps.getSweep(db, id), undefined);
      t.deepEqual(await sweeps.listRuns(db, id), []);
    });
  });

  test(`${kind}: open chunks say which have a running run and when it was touched`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newSweep(db, 5, 2);
      await sweeps.claimChunk(db, id, 1, 'w1');
      await sweeps.completeRun(db, id, 2, { metrics: {}, curves: null });
      await sweeps.touchChunk(db, id, 1);
      const open = (await sweeps.listOpenChunks(db, 100)).filter((c) => c.sweep_id === id);
      t.deepEqual(
        open.map((c) => [c.chunk, c.running_updated_at !== null]),
        [
          [0, false],
          [1, true],
          [2, false],
        ],
      );
      await sweeps.releaseChunk(db, id, 1);
      const released = (await sweeps.listOpenChunks(db, 100)).find((c) => c.sweep_id === id && c.chunk === 1);
      t.is(released?.running_updated_at, null);
    });
  });

  test(`${kind}: a completed run is found by its cache key`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newSweep(db, 2, 2);
      const [run] = await sweeps.claimChunk(db, id, 0, 'w1');
      t.is(await sweeps.findCachedRun(db, run.cache_key), undefined);
      await sweeps.completeRun(db, id, 0, { metrics: { peak: 7 }, curves: { t: [1] } });
      t.deepEqual(await sweeps.findCachedRun(db, run.cache_key), {
        metrics: { peak: 7 },
        curves: { t: [1] },
      });
    });
  });
}
