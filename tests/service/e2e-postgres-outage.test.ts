// PostgreSQL refuses, hangs and restarts under a running production deployment (API + two workers, their
// own PostgreSQL and Redis): the API answers 503 problem+json with Retry-After, never 500 or a hang;
// deliveries wait for the database instead of failing; a result computed meanwhile is stored, not recomputed.
import test from 'ava';
import { waitForJob, type Client } from '../../tools/harness/http.js';
import { startWorkerProcess, type Proc } from '../../tools/harness/processes.js';
import { cyclingRequest, notJsonLines, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack | undefined;
// Jobs the first test leaves behind; the second waits for them so that no worker is still holding one.
const earlierIds: string[] = [];

test.before(async () => {
  stack = await startStack();
});

test.after.always(async () => {
  await stack?.close();
});

const REQUEST = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  simulation_time_hours: 2,
};

async function assertUnavailable(t: import('ava').ExecutionContext, api: Client, state: string) {
  const replies = await Promise.all([
    api.post('/api/v1/simulate', REQUEST),
    api.post('/api/v1/simulate/async', REQUEST),
    api.get('/api/v1/jobs'),
  ]);
  for (const [i, reply] of replies.entries()) {
    const what = `${state}, request ${i}: ${reply.text}`;
    t.is(reply.status, 503, what);
    t.is(reply.headers.get('content-type'), 'application/problem+json', what);
    t.regex(reply.headers.get('retry-after') ?? '', /^\d+$/, what);
    t.deepEqual(reply.body.down, ['database'], what);
  }
}

test.serial('the database refusing or hanging: 503 problem+json with Retry-After', async (t) => {
  const s = stack as Stack;
  const api = s.client();
  const first = await api.post('/api/v1/simulate/async', REQUEST);
  t.is(first.status, 202, 'up: accepted');
  earlierIds.push(String(first.body.job_id));
  await s.postgres.stop();
  let sentMs = Date.now();
  await assertUnavailable(t, api, 'refused');
  t.log(`refused: answered after ${Date.now() - sentMs} ms`);
  await s.postgres.start();
  await s.postgres.pause();
  try {
    sentMs = Date.now();
    await assertUnavailable(t, api, 'hung');
    t.log(`hung: answered after ${Date.now() - sentMs} ms`);
  } finally {
    await s.postgres.resume();
  }
  const again = await api.post('/api/v1/simulate/async', REQUEST);
  t.is(again.status, 202, 'up again: accepted');
  earlierIds.push(String(again.body.job_id));
});

test.serial('during an outage deliveries wait for the database and finished results are kept', async (t) => {
  const s = stack as Stack;
  const api = s.client();
  // A job of the first test still being claimed again by the worker stopped below would be redelivered to
  // the late worker as stalled, and keep it from the queued job this test watches.
  await Promise.all(earlierIds.map((id) => waitForJob(api, id, 120_000, 500)));
  // One worker, busy: the second job waits in Redis until a worker started during the outage takes it.
  const [kept, other] = s.workers;
  await other.stop('SIGTERM');
  s.workers = [kept];
  const running = await api.post('/api/v1/simulate/async', cyclingRequest(20));
  const runningId = String(running.body.job_id);
  await s.workerRunning(runningId);
  const queued = await api.post('/api/v1/simulate/async', { ...REQUEST, simulation_time_hours: 3 });
  const queuedId = String(queued.body.job_id);
  await s.postgres.stop();
  const late = await startWorkerProcess(s.env);
  s.workers = [kept, late];
  // The run finishes while the database is down and keeps its result; the queued job waits to be claimed.
  const waiting = (w: Proc, id: string, what: RegExp) =>
    w.waitForLog((e) => e.job_id === id && what.test(String(e.message)), 120_000);
  await waiting(kept, runningId, /storing the finished result again later/);
  await waiting(late, queuedId, /claiming the job again later/);
  await s.postgres.start();
  const ids = [runningId, queuedId];
  const jobs = await Promise.all(ids.map((id) => waitForJob(api, id, 120_000, 500)));
  t.deepEqual(
    jobs.map((j) => j.status),
    ids.map(() => 'completed'),
  );
  const logs = s.logs();
  for (const id of ids) {
    const mine = logs.filter((e) => e.job_id === id);
    t.is(mine.filter((e) => e.message === 'job started').length, 1, `${id} computed once`);
    t.deepEqual(
      mine.filter((e) => /delivery (retried|failed)/.test(String(e.message))).map((e) => e.message),
      [],
      `${id}: no delivery used up`,
    );
    // An outage is logged, not shouted: at most one "job poll failed" per job per 10 s.
    t.true(mine.filter((e) => e.message === 'job poll failed').length <= 2, `${id}: poll failures throttled`);
  }
  // Everything on stderr is JSON lines, outage or not.
  for (const proc of [s.api.proc, ...s.workers]) t.deepEqual(notJsonLines(proc), []);
});
