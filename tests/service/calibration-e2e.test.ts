// Calibrations end to end on the production stack (tests/helpers/stack.ts: its own PostgreSQL, Redis and
// S3 server; `precipitate migrate`, the API and two workers as processes): a calibration goes through the
// queue to a worker and completes with the core's result; a worker SIGKILLed mid-calibration loses it not:
// another worker runs it again from the start (seeded: the same result, bit for bit).
import test from 'ava';
import { startStack, type Stack } from '../helpers/stack.js';
import {
  coreResult,
  smallCalibration,
  waitForCalibration,
  withoutTiming,
  type CalibrationBody,
} from './calibration-support.js';

let stack: Stack | undefined;

test.before(async () => {
  stack = await startStack({ CALIBRATION_THREADS: '1' });
});

test.after.always(async () => {
  await stack?.close();
});

async function resultOf(id: string) {
  const reply = await (stack as Stack)
    .client()
    .get<Record<string, unknown>>(`/api/v1/calibrations/${id}/results`);
  if (reply.status !== 200) throw new Error(`results: ${reply.status} ${reply.text}`);
  return withoutTiming(reply.body);
}

test.serial('a calibration completes through the queue on a worker with the core’s result', async (t) => {
  const s = stack as Stack;
  const document = smallCalibration({ seed: 3 });
  const posted = await s.client().post<CalibrationBody>('/api/v1/calibrations', document);
  t.is(posted.status, 202, posted.text);
  const done = await waitForCalibration(s.client(), posted.body.id);
  t.is(done.status, 'completed', done.error ?? '');
  t.deepEqual(await resultOf(posted.body.id), withoutTiming(await coreResult(document)));
  const logs = s.logs().filter((e) => e.calibration_id === posted.body.id);
  t.true(logs.some((e) => e.message === 'calibration completed'));
});

test.serial('a worker SIGKILLed mid-calibration: another runs it again to the same result', async (t) => {
  const s = stack as Stack;
  const document = smallCalibration({ seed: 4, steps: 40 });
  const posted = await s.client().post<CalibrationBody>('/api/v1/calibrations', document);
  const id = posted.body.id;
  const victim = await Promise.any(
    s.workers.map(async (w) => {
      await w.waitForLog((e) => e.message === 'calibration started' && e.calibration_id === id, 60_000);
      return w;
    }),
  );
  await waitForCalibration(s.client(), id, [], (b) => b.progress.phase === 'sample' && b.progress.done > 0);
  await victim.stop('SIGKILL');
  const done = await waitForCalibration(s.client(), id);
  t.is(done.status, 'completed', done.error ?? '');
  t.is(done.attempt, 2, 'delivered once more after the kill');
  t.deepEqual(await resultOf(id), withoutTiming(await coreResult(document)));
  const survivor = s.workers.find((w) => w !== victim);
  t.truthy(
    survivor &&
      (await survivor.waitForLog((e) => e.message === 'calibration completed' && e.calibration_id === id)),
  );
});
