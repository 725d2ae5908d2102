// How PostgreSQL stores a completed job's results (summary and compact series, ~250 KB of JSON): as `text`
// kept as written (not `json`, which PostgreSQL parses at every write), lz4-compressed or not at all, not
// `jsonb` compressed with pglz, which cost it ~8 ms of CPU per completed job (bench/README.md, issue 17).
// Numbers and the text come back exactly; both migrations go down and up again with the results kept.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { Db } from '../../src/service/db/connect.js';
import * as jobs from '../../src/service/db/jobs.js';
import * as resultsJson from '../../src/service/db/migrations/20261205060000_results_json.js';
import * as resultsText from '../../src/service/db/migrations/20261205200000_results_text.js';
import { openTestDb } from '../helpers/db.js';

interface ColumnInfo {
  data_type: string;
  compression: string;
  storage: string;
}

async function resultsColumn(db: Db): Promise<ColumnInfo> {
  const { rows } = (await db.raw(
    `select format_type(atttypid, atttypmod) as data_type, attcompression::text as compression,
            attstorage::text as storage
       from pg_attribute where attrelid = 'simulation_jobs'::regclass and attname = 'results'`,
  )) as { rows: ColumnInfo[] };
  return rows[0];
}

const completion = (series: unknown): jobs.Completion => ({
  results: { summary: { peak_mpa: 1 }, series },
  result_urls: {},
  engine_version: 'v',
  progress: { fraction: 1, simulated_hours: 1, steps: 1 },
});

const storedWell = (column: ColumnInfo) => column.compression === 'l' || column.storage === 'e';

test('postgresql: results are text, lz4 or uncompressed (never pglz), and keep every number', async (t) => {
  const { db, close } = await openTestDb('postgresql');
  try {
    const column = await resultsColumn(db);
    t.is(column.data_type, 'text');
    t.true(storedWell(column), JSON.stringify(column));
    const series = { time_hours: [0, 1 / 3, 1e-300, 2.5e21, 0.1 + 0.2], big: Array(30000).fill(1 / 7) };
    const id = randomUUID();
    await jobs.insertJob(db, { id, owner: 'k', input_params: {}, cache_key: 'c'.repeat(64) });
    t.is((await jobs.claimJob(db, id, 'w', 3)).outcome, 'claimed');
    t.true(await jobs.completeJob(db, id, 1, completion(series)));
    const stored = JSON.stringify(completion(series).results);
    t.is((await jobs.getJobResultsText(db, id))?.resultsText, stored, 'the text as written');
    t.deepEqual((await jobs.getJob(db, id))?.results, completion(series).results);
    await resultsText.down(db);
    t.is((await resultsColumn(db)).data_type, 'json');
    t.true(storedWell(await resultsColumn(db)));
    t.is((await jobs.getJobResultsText(db, id))?.resultsText, stored);
    await resultsJson.down(db);
    t.is((await resultsColumn(db)).data_type, 'jsonb');
    t.deepEqual((await jobs.getJob(db, id))?.results, completion(series).results);
    await resultsJson.up(db);
    t.is((await resultsColumn(db)).data_type, 'json');
    await resultsText.up(db);
    t.is((await resultsColumn(db)).data_type, 'text');
    t.true(storedWell(await resultsColumn(db)));
    t.deepEqual((await jobs.getJob(db, id))?.results, completion(series).results);
  } finally {
    await close();
  }
});

test('sqlite: the results migration changes nothing there, in either direction', async (t) => {
  const { db, close } = await openTestDb('sqlite');
  try {
    const id = randomUUID();
    const series = { time_hours: [0, 1 / 3, 1e-300] };
    await jobs.insertJob(db, { id, owner: 'k', input_params: {}, cache_key: 'c'.repeat(64) });
    t.is((await jobs.claimJob(db, id, 'w', 3)).outcome, 'claimed');
    t.true(await jobs.completeJob(db, id, 1, completion(series)));
    const stored = JSON.stringify(completion(series).results);
    await resultsText.down(db);
    t.is((await jobs.getJobResultsText(db, id))?.resultsText, stored);
    await resultsText.up(db);
    t.is((await jobs.getJobResultsText(db, id))?.resultsText, stored);
  } finally {
    await close();
  }
});
