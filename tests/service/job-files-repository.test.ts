// Recording a job's files once made (db/job-files.ts), on PostgreSQL and on SQLite: the names, or why they
// cannot be made, go on every completed row that shares the files (the job and its cached answers) and
// on no other row.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import * as jobs from '../../src/service/db/jobs.js';
import { filesOwner, recordFiles, recordFilesError } from '../../src/service/db/job-files.js';
import { DATABASE_KINDS, openTestDb } from '../helpers/db.js';

const completed = (over: Partial<jobs.NewJob> = {}): jobs.NewJob => ({
  id: randomUUID(),
  owner: 'key_a',
  input_params: { simulation_time_hours: 2 },
  cache_key: 'c'.repeat(64),
  status: 'completed',
  result_urls: {},
  ...over,
});

for (const kind of DATABASE_KINDS) {
  test(`${kind}: the files' names and a files error go on the job and its cached answers only`, async (t) => {
    const { db, close } = await openTestDb(kind);
    try {
      const original = await jobs.insertJob(db, completed());
      const cached = await jobs.insertJob(db, completed({ owner: 'key_b', cached_from: original.id }));
      const other = await jobs.insertJob(db, completed());
      const pending = await jobs.insertJob(db, {
        ...completed({ cached_from: original.id }),
        status: 'pending',
      });
      t.is(filesOwner(cached), original.id);
      t.is(filesOwner(original), original.id);
      const names = { 'run-data.gz': 'run-data.gz' };
      t.is(await recordFiles(db, original.id, names), 2);
      const read = async (id: string) => (await jobs.getJob(db, id))!;
      t.deepEqual((await read(original.id)).result_urls, names);
      t.deepEqual((await read(cached.id)).result_urls, names);
      t.deepEqual((await read(other.id)).result_urls, {});
      t.deepEqual((await read(pending.id)).result_urls, {}, 'an unfinished row is left alone');
      t.is((await read(cached.id)).files_error, null);

      t.is(await recordFilesError(db, other.id, 'the engine changed'), 1);
      t.is((await read(other.id)).files_error, 'the engine changed');
      t.is((await read(original.id)).files_error, null);
      // Made after all (the reason is cleared), e.g. once the operator restored the engine.
      t.is(await recordFiles(db, other.id, names), 1);
      t.is((await read(other.id)).files_error, null);
    } finally {
      await close();
    }
  });
}
