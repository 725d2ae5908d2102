// waitForFinish reads a job's row after each notification; a waiter registered before the row was written
// (a synchronous POST's, submit's beforeInsert) saves the read before the first wait: one statement less
// per synchronous run (issue 17). SQLite, with the worker's side on a handle of its own.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { Db } from '../../src/service/db/connect.js';
import * as jobs from '../../src/service/db/jobs.js';
import { JsonText, type JobRow } from '../../src/service/db/rows.js';
import { createLocalNotifier, waitForFinish, type JobNotifier } from '../../src/service/notify.js';
import { openTestDb } from '../helpers/db.js';

const RESULTS = '{"summary":{"peak_mpa":446.4389637254635},"series":null}';

/** Inserts a job and runs it to completion on `worker` once `go` resolves; publishes its notification. */
async function finishLater(worker: Db, notifier: JobNotifier, job: JobRow, go: Promise<void>) {
  await go;
  const claim = await jobs.claimJob(worker, job.id, 'w1', 3);
  if (claim.outcome !== 'claimed') throw new Error(`not claimed: ${claim.outcome}`);
  await jobs.completeJob(worker, job.id, claim.job.attempt, {
    results: new JsonText(RESULTS),
    result_urls: {},
    engine_version: 'v1',
    progress: { fraction: 1, simulated_hours: 2, steps: 10 },
  });
  await notifier.publish(job.id);
}

for (const registered of [true, false]) {
  test(`a finished job's row is read ${registered ? 'once (waiter registered before the insert)' : 'before and after the wait'}`, async (t) => {
    const { db, another, close } = await openTestDb('sqlite');
    const worker = another();
    const notifier = createLocalNotifier(3_600_000);
    t.teardown(async () => {
      await worker.destroy();
      await close();
    });
    const id = randomUUID();
    const early = registered ? notifier.next(id) : undefined;
    const job = await jobs.insertJob(db, { id, owner: 'key_a', input_params: {}, cache_key: 'c'.repeat(64) });
    let reads = 0;
    db.on('query', () => reads++);
    let started = () => {};
    const finishing = finishLater(worker, notifier, job, new Promise<void>((resolve) => (started = resolve)));
    const waiting = waitForFinish(db, notifier, job, 60_000, [], early);
    setTimeout(started, 50);
    const [{ row, resultsText }] = await Promise.all([waiting, finishing]);
    t.is(row.status, 'completed');
    t.is(resultsText, RESULTS);
    t.is(reads, registered ? 1 : 2);
  });
}

test('a registered waiter that times out returns the row as written, without reading it', async (t) => {
  const { db, close } = await openTestDb('sqlite');
  t.teardown(close);
  const notifier = createLocalNotifier(3_600_000);
  const id = randomUUID();
  const early = notifier.next(id);
  const job = await jobs.insertJob(db, { id, owner: 'key_a', input_params: {}, cache_key: 'c'.repeat(64) });
  let reads = 0;
  db.on('query', () => reads++);
  const { row, resultsText } = await waitForFinish(db, notifier, job, 30, [], early);
  t.is(row.status, 'pending');
  t.is(resultsText, null);
  t.is(reads, 0);
});
