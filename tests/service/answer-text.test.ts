// A synchronous answer copies the stored results text into its body instead of parsing it and writing it
// again (issue 17): the body must be the same JSON text as the job view built from the parsed row, on both
// databases, also with characters of more than one byte, and a results text in another form (a row
// migrated from jsonb) must still answer the same.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import * as jobs from '../../src/service/db/jobs.js';
import { createLocalStorage } from '../../src/service/storage/local.js';
import { jobView, jobViewText } from '../../src/service/api/views.js';
import { tempDir } from '../../tools/harness/services.js';
import { DATABASE_KINDS, openTestDb } from '../helpers/db.js';

const results = {
  summary: { peak_yield_strength_mpa: 212.5, phases: [{ name: 'β″ (beta)', final: 1e-300 }], unit: '°C' },
  series: { time_hours: [0, 1 / 3, 2.5e21], phases: { beta: { volume_fraction: [0, 0.1 + 0.2, 1] } } },
  engine: { version: 'v1', kernel: 'wasm', database_sha256: 'ab' },
  timing: { engine_ms: 181.5, steps: 3 },
};

for (const kind of DATABASE_KINDS) {
  test(`${kind}: the answer with the stored results text copied in equals the parsed job view`, async (t) => {
    const { db, close } = await openTestDb(kind);
    const dir = await tempDir('answer-text');
    try {
      const storage = createLocalStorage(dir.path);
      const id = randomUUID();
      await jobs.insertJob(db, { id, owner: 'k', input_params: { a: 1 }, cache_key: 'c'.repeat(64) });
      await jobs.claimJob(db, id, 'w', 3);
      const done = { results, result_urls: { 'run-data.gz': 'run-data.gz' }, engine_version: 'v1' };
      t.true(
        await jobs.completeJob(db, id, 1, {
          ...done,
          progress: { fraction: 1, simulated_hours: 1, steps: 3 },
        }),
      );
      const read = await jobs.getJobResultsText(db, id);
      if (!read) return t.fail('row not found');
      t.is(read.row.results, null, 'not parsed');
      t.true(read.resultsText?.startsWith('{"summary":'), 'stored as the runner wrote it');
      const expected = await jobView((await jobs.getJob(db, id))!, storage, 'http://x');
      const text = await jobViewText(read.row, read.resultsText, storage, 'http://x');
      t.is(text, JSON.stringify(expected), 'the same JSON text as the parsed job view');
      t.deepEqual(Object.keys(JSON.parse(text).results), [
        'summary',
        'series',
        'engine',
        'timing',
        'files',
        'file_status',
      ]);
      // Text in another key order (jsonb sorts keys) is parsed, with the same answer.
      const reordered = JSON.stringify({
        timing: results.timing,
        engine: results.engine,
        series: results.series,
        summary: results.summary,
      });
      t.deepEqual(JSON.parse(await jobViewText(read.row, reordered, storage, 'http://x')), JSON.parse(text));
      // Unfinished: no results in the answer.
      const pending = { ...read.row, status: 'running' as const };
      t.false('results' in JSON.parse(await jobViewText(pending, null, storage, 'http://x')));
    } finally {
      await close();
      await dir.remove();
    }
  });
}
