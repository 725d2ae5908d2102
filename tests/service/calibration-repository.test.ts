// The calibration repository and its migration, each test on PostgreSQL and on SQLite.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import * as calibrations from '../../src/service/db/calibrations.js';
import { migrateToLatest, rollbackAll } from '../../src/service/db/migrate.js';
import { DATABASE_KINDS, openTestDb, type DatabaseKind, type TestDb } from '../helpers/db.js';

async function withDb(kind: DatabaseKind, fn: (t: TestDb) => Promise<void>) {
  const db = await openTestDb(kind);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function newCalibration(db: TestDb['db']) {
  const id = randomUUID();
  await calibrations.insertCalibration(db, {
    id,
    owner: 'key_a',
    document: { parameters: [{ path: '/config/x' }] },
    planned_runs: 120,
  });
  return id;
}

const progress = (done: number): calibrations.CalibrationProgress => ({
  phase: 'optimise',
  done,
  total: 40,
  runs_done: done,
  runs_planned: 120,
  best_chi_squared: 12.5,
});

for (const kind of DATABASE_KINDS) {
  test(`${kind}: the calibrations table goes up and down with the migrations`, async (t) => {
    await withDb(kind, async ({ db }) => {
      t.true(await db.schema.hasColumn('calibrations', 'result'));
      await rollbackAll(db);
      t.false(await db.schema.hasTable('calibrations'));
      await migrateToLatest(db);
      t.true(await db.schema.hasColumn('calibrations', 'progress'));
    });
  });

  test(`${kind}: a calibration is stored, claimed, reports progress and keeps its result`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newCalibration(db);
      const stored = await calibrations.getCalibration(db, id);
      t.is(stored?.status, 'pending');
      t.deepEqual(stored?.document, { parameters: [{ path: '/config/x' }] });
      t.is(stored?.planned_runs, 120);
      t.false(await calibrations.saveProgress(db, id, progress(1)), 'not running yet');
      const claimed = await calibrations.claimCalibration(db, id, 'w1');
      t.is(claimed?.status, 'running');
      t.is(claimed?.attempt, 1);
      t.true(await calibrations.saveProgress(db, id, progress(7)));
      t.deepEqual((await calibrations.getCalibration(db, id))?.progress, progress(7));
      t.true(await calibrations.completeCalibration(db, id, { best: { values: { x: 0.25 } } }));
      t.false(await calibrations.completeCalibration(db, id, { best: { values: { x: 9 } } }));
      const done = await calibrations.getCalibration(db, id);
      t.is(done?.status, 'completed');
      t.deepEqual(done?.result, { best: { values: { x: 0.25 } } });
      t.truthy(done?.completed_at);
      t.is(await calibrations.claimCalibration(db, id, 'w2'), undefined, 'a finished one is not run again');
      t.deepEqual(await calibrations.listOpenCalibrations(db, 10), []);
    });
  });

  test(`${kind}: a killed worker's calibration is claimed again from its start`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newCalibration(db);
      await calibrations.claimCalibration(db, id, 'w1');
      await calibrations.saveProgress(db, id, progress(30));
      t.deepEqual(
        (await calibrations.listOpenCalibrations(db, 10)).map((c) => [c.id, c.status]),
        [[id, 'running']],
      );
      const again = await calibrations.claimCalibration(db, id, 'w2');
      t.is(again?.attempt, 2);
      t.is(again?.worker, 'w2');
      t.is(again?.progress, null, 'the re-run starts from the beginning');
      await calibrations.releaseCalibration(db, id);
      t.is(await calibrations.calibrationStatus(db, id), 'pending');
      t.true(await calibrations.failCalibration(db, id, 'gave up'));
      t.is((await calibrations.getCalibration(db, id))?.error_message, 'gave up');
    });
  });

  test(`${kind}: cancelling stops progress writes; only a finished calibration is deleted`, async (t) => {
    await withDb(kind, async ({ db }) => {
      const id = await newCalibration(db);
      await calibrations.claimCalibration(db, id, 'w1');
      t.false(await calibrations.deleteFinishedCalibration(db, id), 'a running one is not deleted');
      t.true(await calibrations.cancelCalibration(db, id));
      t.false(await calibrations.cancelCalibration(db, id));
      t.false(await calibrations.saveProgress(db, id, progress(3)), 'the worker sees the cancellation');
      t.is(await calibrations.calibrationStatus(db, id), 'cancelled');
      t.true(await calibrations.deleteFinishedCalibration(db, id));
      t.is(await calibrations.getCalibration(db, id), undefined);
    });
  });
}
