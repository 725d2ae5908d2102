// Redis crashes and comes back empty under a running production deployment (API + two workers, their own
// PostgreSQL and Redis): nobody exits, /health says the queue is down meanwhile, and every accepted job
// completes without any process being restarted (bee-queue's scripts are gone from the new Redis: NOSCRIPT).
import test from 'ava';
import { waitForJob } from '../../tools/harness/http.js';
import { cyclingRequest, notJsonLines, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack | undefined;

test.before(async () => {
  stack = await startStack();
});

test.after.always(async () => {
  await stack?.close();
});

const isothermal = (celsius: number) => ({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
  simulation_time_hours: 2,
  max_points: 50,
});

test.serial('after a Redis restart the workers and the API carry on; queued jobs complete', async (t) => {
  const s = stack as Stack;
  const api = s.client();
  const first = await api.post('/api/v1/simulate/async', cyclingRequest(12));
  const firstId = String(first.body.job_id);
  await s.workerRunning(firstId);
  const queued = await Promise.all(
    [160, 170, 180].map((c) => api.post('/api/v1/simulate/async', isothermal(c))),
  );

  await s.redis.stop();
  const down = await api.get('/api/v1/health');
  t.is(down.status, 503);
  t.is(down.headers.get('content-type'), 'application/problem+json');
  t.truthy(down.headers.get('retry-after'));
  t.deepEqual(down.body.down, ['queue']);
  // Accepted while Redis is down: the row is the truth, the reconciler enqueues it later.
  const during = await api.post('/api/v1/simulate/async', isothermal(190));
  t.is(during.status, 202);

  await s.redis.start();
  // A job submitted after the restart goes through the API's producer and the workers' stall checks,
  // both of which run bee-queue's Lua scripts on the new, empty Redis.
  const after = await api.post('/api/v1/simulate/async', isothermal(200));
  t.is(after.status, 202);
  const ids = [firstId, ...queued, during, after].map((r) =>
    typeof r === 'string' ? r : String(r.body.job_id),
  );
  const jobs = await Promise.all(ids.map((id) => waitForJob(api, id, 120_000, 500)));
  for (const j of jobs) if (j.status !== 'completed') t.log(JSON.stringify(j).slice(0, 600));
  t.deepEqual(
    jobs.map((j) => j.status),
    ids.map(() => 'completed'),
  );
  t.deepEqual(
    s.workers.map((w) => w.child.exitCode),
    [null, null],
    'no worker exited',
  );
  t.is(s.api.proc.child.exitCode, null, 'the API did not exit');
  t.is((await api.get('/api/v1/health')).status, 200, 'the queue is up again');
  // The scripts were reloaded where they were missing: no call failed with NOSCRIPT.
  t.deepEqual(
    s.logs().filter((e) => /NOSCRIPT/.test(JSON.stringify(e))),
    [],
  );
  // Everything the processes wrote through the outage is JSON lines.
  for (const proc of [s.api.proc, ...s.workers]) t.deepEqual(notJsonLines(proc), []);
});
