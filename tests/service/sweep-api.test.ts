// Sweeps through the API on the embedded service (SQLite, in-process queue, engine threads in this
// process): validation naming the axis and value, the run limit, the flow to a table equal to the core's
// rows, results as JSON and CSV, per-run reuse of computed rows, cancellation and the per-key run budget.
import test from 'ava';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { SweepRow } from '../../src/sweep/row.js';
import { sweepCsv } from '../../src/sweep/table.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { coreRows, isothermalSweep, waitForSweep, withoutTiming, type SweepBody } from './sweep-support.js';

const KEYS = Array.from({ length: 8 }, (_, i) => `sweep-key-${i}-${'x'.repeat(16)}`);
let nextKey = 0;
let server: TestServer;

test.before(async () => {
  server = await startTestServer({
    API_KEYS: KEYS.join(','),
    WORKER_CONCURRENCY: '2',
    SWEEP_MAX_RUNS: '40',
    SWEEP_CHUNK_RUNS: '3',
  });
});

test.after.always(async () => {
  await server?.close();
});

const api = () => server.api(KEYS[nextKey++]);
type Problem = { errors: { in: string; pointer: string; detail: string }[] };

test('an invalid sweep is a 422 naming the axis and the value', async (t) => {
  const client = api();
  const badValue = await client.post<Problem>('/api/v1/sweeps', isothermalSweep([150, 180, 900]));
  t.is(badValue.status, 422);
  t.is(badValue.headers.get('content-type'), 'application/problem+json');
  t.is(badValue.body.errors[0].pointer, '/axes/0/values/2');
  t.regex(badValue.body.errors[0].detail, /900/);
  const badPath = await client.post<Problem>('/api/v1/sweeps', {
    ...isothermalSweep([150]),
    axes: [{ path: '/composition/ZN', values: [0.01] }],
  });
  t.is(badPath.status, 422);
  t.is(badPath.body.errors[0].pointer, '/axes/0/path');
  t.regex(badPath.body.errors[0].detail, /ZN/);
  const unknown = await client.post<Problem>('/api/v1/sweeps', { ...isothermalSweep([150]), extra: 1 });
  t.is(unknown.status, 422);
  t.is(unknown.body.errors[0].pointer, '/extra');
});

test('a sweep over SWEEP_MAX_RUNS is a 422 naming /axes', async (t) => {
  const reply = await api().post<Problem>('/api/v1/sweeps', {
    ...isothermalSweep([150]),
    axes: [
      { path: '/isothermal_temperature_celsius', values: { from: 150, to: 250, count: 7 } },
      { path: '/composition/MG', values: [0.006, 0.007, 0.008, 0.009, 0.01, 0.011] },
    ],
  });
  t.is(reply.status, 422);
  t.deepEqual(reply.body.errors[0].pointer, '/axes');
  t.regex(reply.body.errors[0].detail, /42 runs.*at most 40/);
});

test('a sweep completes through the queue with the rows the core computes; JSON and CSV results', async (t) => {
  const client = api();
  const document = isothermalSweep([150, 170, 190, 210, 230], 1);
  const posted = await client.post<SweepBody>('/api/v1/sweeps', document);
  t.is(posted.status, 202);
  t.is(posted.headers.get('location'), `/api/v1/sweeps/${posted.body.id}`);
  t.is(posted.body.progress.runs_total, 5);
  const seen: number[] = [];
  const done = await waitForSweep(client, posted.body.id, seen);
  t.is(done.status, 'completed');
  t.deepEqual(done.progress, {
    runs_done: 5,
    runs_total: 5,
    runs_failed: 0,
    runs_cancelled: 0,
    fraction: 1,
  } as never);
  t.deepEqual(
    seen,
    [...seen].sort((a, b) => a - b),
    'progress never goes back',
  );
  const expected = await coreRows(document);
  const withoutCurves = expected.map(({ curves: _c, ...row }) => row);
  t.deepEqual(done.table.map(withoutTiming), withoutCurves);
  const results = await client.get<{ rows: Record<string, unknown>[]; axes: string[] }>(
    `/api/v1/sweeps/${posted.body.id}/results`,
  );
  t.deepEqual(results.body.axes, ['temperature_celsius']);
  t.deepEqual(results.body.rows.map(withoutTiming), expected);
  const csv = await client.get(`/api/v1/sweeps/${posted.body.id}/results?format=csv`);
  t.regex(csv.headers.get('content-type') ?? '', /^text\/csv/);
  // The CLI's table, bit for bit: the core's rows through the same CSV writer.
  t.is(csv.text, sweepCsv(['temperature_celsius'], expected as unknown as SweepRow[]));
  t.is(csv.text.trim().split('\n').length, 6);
});

test('a run some sweep already computed is taken from it, not run again', async (t) => {
  const client = api();
  const document = isothermalSweep([155, 175], 1);
  const first = await waitForSweep(
    client,
    (await client.post<SweepBody>('/api/v1/sweeps', document)).body.id,
  );
  const again = { ...document, axes: [{ ...document.axes[0], name: 'T', values: [175, 195] }] };
  const second = await waitForSweep(client, (await client.post<SweepBody>('/api/v1/sweeps', again)).body.id);
  t.is(second.status, 'completed');
  // The reused row carries the first computation's own wall time; the new temperature has its own.
  t.is(second.table[0].engine_ms, first.table[1].engine_ms);
  t.deepEqual(second.table[0].axis_values, [175]);
  t.is(second.table[0].index, 0);
  const { curves: _curves, ...expected } = (await coreRows(again))[1];
  t.deepEqual(withoutTiming(second.table[1]), expected);
});

test('DELETE cancels every run not yet finished; a finished sweep is then deleted', async (t) => {
  const client = api();
  const temperatures = Array.from({ length: 30 }, (_, i) => 140 + 4 * i);
  const posted = await client.post<SweepBody>('/api/v1/sweeps', isothermalSweep(temperatures, 100, 50));
  const cancelled = await client.delete<SweepBody>(`/api/v1/sweeps/${posted.body.id}`);
  t.is(cancelled.status, 200);
  t.is(cancelled.body.status, 'cancelled');
  t.true(cancelled.body.progress.runs_cancelled > 0);
  const doneThen = cancelled.body.progress.runs_done;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const later = await client.get<SweepBody>(`/api/v1/sweeps/${posted.body.id}`);
  t.is(later.body.status, 'cancelled');
  t.is(later.body.progress.runs_done + later.body.progress.runs_cancelled, 30);
  t.true(later.body.progress.runs_done <= doneThen + 2, 'at most the runs under way finish');
  t.is((await client.get(`/api/v1/sweeps/${posted.body.id}/results`)).status, 200);
  t.is((await client.delete(`/api/v1/sweeps/${posted.body.id}`)).status, 204);
  t.is((await client.get(`/api/v1/sweeps/${posted.body.id}`)).status, 404);
});

test("a sweep needs a key; another key's sweep is not found; an unfinished one has no results yet", async (t) => {
  const owner = api();
  const posted = await owner.post<SweepBody>('/api/v1/sweeps', isothermalSweep([145, 165, 185], 50));
  t.is((await api().get(`/api/v1/sweeps/${posted.body.id}`)).status, 404);
  t.is((await server.api().get(`/api/v1/sweeps/${posted.body.id}`)).status, 401, 'no key');
  t.is((await server.api().post('/api/v1/sweeps', isothermalSweep([150]))).status, 401, 'no key');
  t.is((await api().delete(`/api/v1/sweeps/${posted.body.id}`)).status, 404);
  const early = await owner.get<{ sweep_status: string }>(`/api/v1/sweeps/${posted.body.id}/results`);
  t.is(early.status, 409);
  t.true(['pending', 'running'].includes(early.body.sweep_status));
  await owner.delete(`/api/v1/sweeps/${posted.body.id}`);
});

test('a sweep counts as its runs against the per-key rate limit', async (t) => {
  const limited = await startTestServer({ API_KEYS: KEYS[7], RATE_LIMIT_PER_MINUTE: '10' });
  try {
    // Early in a rate-limit window, so that the budget is not reset between the requests.
    while (new Date().getSeconds() > 45) await new Promise((resolve) => setTimeout(resolve, 1000));
    const client = limited.api(KEYS[7]);
    const tooBig = await client.post<Problem>(
      '/api/v1/sweeps',
      isothermalSweep(Array.from({ length: 11 }, (_, i) => 150 + i)),
    );
    t.is(tooBig.status, 422);
    t.regex(tooBig.body.errors[0].detail, /11 runs.*at most 10 per minute/);
    const eight = await client.post<SweepBody>(
      '/api/v1/sweeps',
      isothermalSweep([150, 151, 152, 153, 154, 155, 156, 157]),
    );
    t.is(eight.status, 202, 'the refused sweep took nothing from the budget');
    t.is(eight.headers.get('ratelimit-remaining'), '1', '10 - (the 422, this request and its 7 more runs)');
    const three = await client.post('/api/v1/sweeps', isothermalSweep([160, 161, 162]));
    t.is(three.status, 429);
    t.truthy(three.headers.get('retry-after'));
    await client.delete(`/api/v1/sweeps/${eight.body.id}`);
  } finally {
    await limited.close();
  }
});

test('SWEEP_MAX_RUNS and SWEEP_CHUNK_RUNS are read and validated at start-up', (t) => {
  const config = loadConfig({ SWEEP_MAX_RUNS: '250', SWEEP_CHUNK_RUNS: '8' });
  t.is(config.sweepMaxRuns, 250);
  t.is(config.sweepChunkRuns, 8);
  t.is(loadConfig({}).sweepMaxRuns, 1000);
  const error = t.throws(() => loadConfig({ SWEEP_MAX_RUNS: '0', SWEEP_CHUNK_RUNS: 'many' }), {
    instanceOf: ConfigError,
  });
  t.regex(error?.message ?? '', /SWEEP_MAX_RUNS/);
  t.regex(error?.message ?? '', /SWEEP_CHUNK_RUNS/);
});
