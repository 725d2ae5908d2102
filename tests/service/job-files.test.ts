// A job's files when nothing was stored at completion (runner/make-files.ts, api/await-files.ts): a
// download past SYNC_WAIT_SECONDS is a 503 with Retry-After and a later one is served; a cached answer
// whose original is gone still gets its files; a job whose stored numbers the engine no longer gives, or
// whose run fails, gets a 410 saying why, recorded so that nothing runs again; a repeat that fails for the
// moment's reasons (its time limit) records nothing, and a later download gets the files.
import { join } from 'node:path';
import test from 'ava';
import { API_FILE_KEYS } from '../../src/output/index.js';
import { EXAMPLE_REQUEST } from '../../src/request/index.js';
import { openDatabase } from '../../src/service/db/connect.js';
import { bytesUnder, tempDir } from '../../tools/harness/services.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { cyclingRequest } from '../helpers/stack.js';

interface Job {
  job_id: string;
  status: string;
  cached?: boolean;
  results: {
    summary: { total_yield_strength_mpa: number };
    files: Record<string, string>;
    file_status: Record<string, string>;
    files_error?: string;
  };
}

const seedLike = (mg: number) => ({ ...EXAMPLE_REQUEST, composition: { MG: mg, SI: 0.0057 } });

const storedBytes = (server: TestServer) => bytesUnder(join(server.dataDir, 'results'));

async function completed(server: TestServer, body: unknown): Promise<Job> {
  const api = server.api();
  const posted = await api.post<Job>('/api/v1/simulate', body, { Prefer: 'respond-async' });
  for (let i = 0; i < 600; i++) {
    const job = await api.get<Job>(`/api/v1/jobs/${posted.body.job_id}`);
    if (job.body.status === 'completed') return job.body;
    if (job.body.status === 'failed') throw new Error('the job failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the job did not complete');
}

/** Changes the stored row of a job in the embedded server's SQLite database. */
async function changeRow(server: TestServer, id: string, change: (row: Record<string, string>) => object) {
  const db = openDatabase({ kind: 'sqlite', filename: join(server.dataDir, 'precipitate.sqlite') });
  try {
    const row = (await db('simulation_jobs').where({ id }).first()) as Record<string, string>;
    await db('simulation_jobs').where({ id }).update(change(row));
  } finally {
    await db.destroy();
  }
}

test('past SYNC_WAIT_SECONDS the first download is a 503 with Retry-After; a retry gets the file', async (t) => {
  const server = await startTestServer({ SYNC_WAIT_SECONDS: '0' });
  t.teardown(() => server.close());
  const job = await completed(server, seedLike(0.00731));
  const first = await fetch(job.results.files.raw_csv);
  t.is(first.status, 503);
  t.is(first.headers.get('retry-after'), '2');
  const problem = (await first.json()) as { type: string; detail: string };
  t.regex(problem.type, /files-in-preparation$/);
  t.regex(problem.detail, new RegExp(`job ${job.job_id}`));
  let reply = first;
  for (let i = 0; i < 300 && reply.status === 503; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    reply = await fetch(job.results.files.raw_csv);
  }
  t.is(reply.status, 200);
  const lines = (await reply.text()).trimEnd().split('\n');
  const header = lines[0].split(',');
  const last = lines.at(-1)?.split(',').map(Number) ?? [];
  t.is(last[header.indexOf('total_yield_strength_mpa')], job.results.summary.total_yield_strength_mpa);
});

test('a cached answer whose original was deleted before any download still gets its files', async (t) => {
  const server = await startTestServer({ SYNC_WAIT_SECONDS: '120' });
  t.teardown(() => server.close());
  const body = seedLike(0.00732);
  const first = (await server.api().post<Job>('/api/v1/simulate', body)).body;
  const second = (await server.api().post<Job>('/api/v1/simulate', body)).body;
  t.true(second.cached);
  t.is((await server.api().delete(`/api/v1/jobs/${first.job_id}`)).status, 204);
  t.is(await storedBytes(server), 0);
  const doc = (await (await fetch(second.results.files.raw_data)).json()) as { summary: unknown };
  t.deepEqual(doc.summary, second.results.summary);
  t.true((await storedBytes(server)) > 0, "made under the original's id");
  t.is((await server.api().delete(`/api/v1/jobs/${second.job_id}`)).status, 204);
  t.is(await storedBytes(server), 0, 'the last job pointing at the files took them along');
});

test('a job whose stored numbers the engine no longer gives: 410 saying why, recorded, nothing stored', async (t) => {
  const server = await startTestServer({ SYNC_WAIT_SECONDS: '120' });
  t.teardown(() => server.close());
  const job = (await server.api().post<Job>('/api/v1/simulate', seedLike(0.00733))).body;
  // As if the job had run on an engine whose last digit differed: its stored summary is not the repeat's.
  await changeRow(server, job.job_id, (row) => {
    const results = JSON.parse(row.results) as { summary: { total_yield_strength_mpa: number } };
    results.summary.total_yield_strength_mpa *= 1 + 1e-15;
    return { results: JSON.stringify(results) };
  });
  const reply = await fetch(job.results.files.raw_data);
  t.is(reply.status, 410);
  const problem = (await reply.json()) as { type: string; detail: string };
  t.regex(problem.type, /files-unavailable$/);
  t.regex(problem.detail, /no longer gives its numbers.*submit the request again/);
  t.is(await storedBytes(server), 0);
  const view = (await server.api().get<Job>(`/api/v1/jobs/${job.job_id}`)).body;
  t.is(view.results.files_error, problem.detail);
  t.deepEqual(
    view.results.file_status,
    Object.fromEntries(Object.keys(API_FILE_KEYS).map((k) => [k, 'missing'])),
  );
  t.is((await fetch(job.results.files.raw_csv)).status, 410, 'the reason is kept: no second run');
});

test('a job whose repeat fails: 410 with the engine’s message', async (t) => {
  const server = await startTestServer({ SYNC_WAIT_SECONDS: '120' });
  t.teardown(() => server.close());
  const job = (await server.api().post<Job>('/api/v1/simulate', seedLike(0.00734))).body;
  // A stored request the engine cannot run (a row damaged by hand, say): the repeat fails.
  await changeRow(server, job.job_id, (row) => {
    const request = JSON.parse(row.request) as { phases: string[] };
    request.phases = ['NO_SUCH_PHASE'];
    return { request: JSON.stringify(request) };
  });
  const reply = await fetch(job.results.files.yield_strength_plot);
  t.is(reply.status, 410);
  const problem = (await reply.json()) as { detail: string };
  t.regex(problem.detail, new RegExp(`the files of job ${job.job_id} could not be made: .+`));
  t.is(await storedBytes(server), 0);
});

test('a repeat over its time limit records nothing: a 503, and a later download gets the files', async (t) => {
  const data = await tempDir('job-files-timeout');
  t.teardown(() => data.remove());
  const serve = (env: Record<string, string>) => startTestServer({ DATA_DIR: data.path, ...env });
  // ~380,000 steps: seconds of engine time, within the default limit.
  const long = cyclingRequest(20, 20);
  const first = await serve({ SYNC_WAIT_SECONDS: '120' });
  const job = (await first.api().post<Job>('/api/v1/simulate', long)).body;
  await first.close();
  t.is(job.status, 'completed');
  const hurried = await serve({ SYNC_WAIT_SECONDS: '5', ENGINE_TIMEOUT_SECONDS: '0.5' });
  const path = `/api/v1/jobs/${job.job_id}`;
  const busy = await fetch(`${hurried.url}${path}/files/raw_csv`);
  t.is(busy.status, 503);
  t.is(busy.headers.get('retry-after'), '2');
  t.is((await hurried.api().get<Job>(path)).body.results.files_error, undefined, 'nothing recorded');
  await hurried.close();
  const again = await serve({ SYNC_WAIT_SECONDS: '120' });
  t.teardown(() => again.close());
  const reply = await fetch(`${again.url}${path}/files/raw_csv`);
  t.is(reply.status, 200);
  const lines = (await reply.text()).trimEnd().split('\n');
  const header = lines[0].split(',');
  const last = lines.at(-1)?.split(',').map(Number) ?? [];
  t.is(last[header.indexOf('total_yield_strength_mpa')], job.results.summary.total_yield_strength_mpa);
});
