// Calibrations through the API on the embedded service (SQLite, in-process queue, the calibration pool in
// this process): validation by JSON pointer, CALIBRATION_MAX_RUNS, the flow to the result the core (the
// CLI's --json) gives for the same document bit for bit, cancellation, and the per-key run budget.
import test from 'ava';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/service/log.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  coreResult,
  smallCalibration,
  waitForCalibration,
  withoutTiming,
  type CalibrationBody,
} from './calibration-support.js';

const KEYS = Array.from({ length: 6 }, (_, i) => `calibration-key-${i}-${'x'.repeat(16)}`);
let nextKey = 0;
let server: TestServer;
const logLines: Record<string, unknown>[] = [];

test.before(async () => {
  const log = createLogger('info', {}, (line) => logLines.push(JSON.parse(line)));
  server = await startTestServer(
    {
      API_KEYS: KEYS.join(','),
      RATE_LIMIT_PER_MINUTE: '3000',
      CALIBRATION_MAX_RUNS: '2500',
      CALIBRATION_THREADS: '2',
    },
    log,
  );
});

test.after.always(async () => {
  await server?.close();
});

const api = () => server.api(KEYS[nextKey++]);
type Problem = { errors: { in: string; pointer: string; detail: string }[]; calibration_status?: string };

test('an invalid calibration is a 422 naming the field by JSON pointer', async (t) => {
  const client = api();
  const doc = smallCalibration();
  const badPath = await client.post<Problem>('/api/v1/calibrations', {
    ...doc,
    parameters: [{ path: '/config/interfacial_energy/NOPE', min: 0.1, max: 0.2 }],
  });
  t.is(badPath.status, 422);
  t.is(badPath.headers.get('content-type'), 'application/problem+json');
  t.is(badPath.body.errors[0].pointer, '/parameters/0/path');
  const noValue = await client.post<Problem>('/api/v1/calibrations', {
    ...doc,
    experiments: [{ ...doc.experiments[0], observations: [{ time_hours: 1 }] }],
  });
  t.is(noValue.status, 422);
  t.is(noValue.body.errors[0].pointer, '/experiments/0/observations/0');
  const tooLong = await client.post<Problem>('/api/v1/calibrations', {
    ...doc,
    experiments: [{ ...doc.experiments[0], simulation_time_hours: 500 }],
  });
  t.is(tooLong.status, 422);
  t.regex(tooLong.body.errors[0].pointer, /^\/experiments\/0/);
  t.regex(tooLong.body.errors[0].detail, /100/);
});

test('a calibration over CALIBRATION_MAX_RUNS is a 422 naming /method; the setting is checked at start-up', async (t) => {
  const reply = await api().post<Problem>('/api/v1/calibrations', smallCalibration({ steps: 1000 }));
  t.is(reply.status, 422);
  t.is(reply.body.errors[0].pointer, '/method');
  t.regex(reply.body.errors[0].detail, /4020 engine runs.*at most 2500/);
  const error = t.throws(() => loadConfig({ CALIBRATION_MAX_RUNS: '0' }));
  t.true(error instanceof ConfigError);
  t.regex(error.message, /CALIBRATION_MAX_RUNS/);
});

test('a calibration runs in the worker to the result the core gives, bit for bit', async (t) => {
  const client = api();
  const document = smallCalibration();
  const posted = await client.post<CalibrationBody>('/api/v1/calibrations', document);
  t.is(posted.status, 202, posted.text);
  t.is(posted.headers.get('location'), `/api/v1/calibrations/${posted.body.id}`);
  t.is(posted.body.progress.runs_planned, 12 + 4 * (3 + 1 + 1));
  const early = await client.get<Problem>(`/api/v1/calibrations/${posted.body.id}/results`);
  t.is(early.status, 409);
  const seen: CalibrationBody[] = [];
  const done = await waitForCalibration(client, posted.body.id, seen);
  t.is(done.status, 'completed', done.error ?? '');
  t.is(done.attempt, 1);
  const reply = await client.get<Record<string, unknown>>(`/api/v1/calibrations/${posted.body.id}/results`);
  t.is(reply.status, 200);
  t.deepEqual(withoutTiming(reply.body), withoutTiming(await coreResult(document)));
  const phases = new Set(seen.map((s) => s.progress.phase));
  t.true(phases.has('finished'));
  const running = seen.filter((s) => s.status === 'running' && s.progress.phase !== 'queued');
  for (const s of running)
    t.true(s.progress.runs_done <= s.progress.runs_planned && s.progress.done <= s.progress.total);
  const deleted = await client.delete(`/api/v1/calibrations/${posted.body.id}`);
  t.is(deleted.status, 204);
  t.is((await client.get(`/api/v1/calibrations/${posted.body.id}`)).status, 404);
});

test('DELETE cancels a running calibration: the sampler stops; its runs counted against the key', async (t) => {
  const client = api();
  const posted = await client.post<CalibrationBody>('/api/v1/calibrations', smallCalibration({ steps: 600 }));
  t.is(posted.status, 202, posted.text);
  const again = await client.post<Problem>('/api/v1/calibrations', smallCalibration({ steps: 600 }));
  t.is(again.status, 429, 'two of 2420 runs exceed the 3000 a minute of one key');
  t.truthy(again.headers.get('retry-after'));
  const id = posted.body.id;
  const sampling = await waitForCalibration(
    client,
    id,
    [],
    (b) => b.progress.phase === 'sample' && b.progress.done > 0,
  );
  t.is(sampling.status, 'running');
  t.true(sampling.progress.best_chi_squared !== null && sampling.progress.best_chi_squared >= 0);
  const cancelled = await client.delete<CalibrationBody>(`/api/v1/calibrations/${id}`);
  t.is(cancelled.status, 200);
  t.is(cancelled.body.status, 'cancelled');
  const deadline = Date.now() + 60_000;
  const stopped = () =>
    logLines.some((l) => l.calibration_id === id && l.message === 'calibration stopped: it was cancelled');
  while (!stopped() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  t.true(stopped(), 'the worker stopped the sampler');
  const results = await client.get<Problem>(`/api/v1/calibrations/${id}/results`);
  t.is(results.status, 409);
  t.is(results.body.calibration_status, 'cancelled');
  t.is((await api().get(`/api/v1/calibrations/${id}`)).status, 404, 'another key does not see it');
});
