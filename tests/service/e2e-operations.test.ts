// Operations of a production deployment (API + two workers, own PostgreSQL and Redis): a killed worker's
// job is taken back within STALL_INTERVAL_SECONDS and runs before the backlog; a worker stopped mid-job
// hands the job back without an error; cancellation stops the engine within a second. The latencies are
// logged (t.log): the README's figures come from these runs.
import test from 'ava';
import { waitForJob } from '../../tools/harness/http.js';
import { startWorkerProcess, type Proc } from '../../tools/harness/processes.js';
import { cyclingRequest, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack | undefined;

test.before(async () => {
  stack = await startStack({ STALL_INTERVAL_SECONDS: '2', SHUTDOWN_TIMEOUT_SECONDS: '1' });
});

test.after.always(async () => {
  await stack?.close();
});

async function submit(body: unknown): Promise<string> {
  const reply = await (stack as Stack).client().post('/api/v1/simulate/async', body);
  return String(reply.body.job_id);
}

test.serial(
  'a killed worker’s job is taken back within the stall interval and runs before the backlog',
  async (t) => {
    const s = stack as Stack;
    const victimJob = await submit(cyclingRequest(20, 90));
    const victim = await s.workerRunning(victimJob);
    const survivor = s.workers.find((w) => w !== victim) as Proc;
    const backlog: string[] = [];
    for (const cycles of [20, 15, 16, 17]) backlog.push(await submit(cyclingRequest(cycles, 90)));
    await s.workerRunning(backlog[0]);
    const killedMs = Date.now();
    await victim.stop('SIGKILL');
    const stalled = await survivor.waitForLog((e) => /^stalled job/.test(String(e.message)));
    t.log(
      `taken back ${Date.parse(String(stalled.time)) - killedMs} ms after the kill (STALL_INTERVAL_SECONDS=2)`,
    );
    s.workers = [survivor, await startWorkerProcess(s.env)];
    const jobs = await Promise.all(
      [victimJob, ...backlog].map((id) => waitForJob(s.client(), id, 180_000, 500)),
    );
    t.deepEqual(
      jobs.map((j) => j.status),
      jobs.map(() => 'completed'),
    );
    // The first backlog job was running; the taken-back job started before the rest of the backlog.
    const starts = s
      .logs()
      .filter((e) => e.message === 'job started' && Date.parse(String(e.time)) > killedMs)
      .sort((a, b) => Date.parse(String(a.time)) - Date.parse(String(b.time)))
      .map((e) => String(e.job_id));
    // (The survivor may have finished that one and taken the next before the stall check ran.)
    const victimAt = starts.indexOf(victimJob);
    t.true(
      victimAt >= 0 && victimAt < starts.indexOf(backlog[2]) && victimAt < starts.indexOf(backlog[3]),
      `started after the kill: ${starts.map((id) => (id === victimJob ? 'taken back' : backlog.indexOf(id))).join(', ')}`,
    );
  },
);

test.serial(
  'a worker stopped mid-job hands it back at info level; another worker completes it',
  async (t) => {
    const s = stack as Stack;
    const id = await submit(cyclingRequest(20, 80));
    const leaving = await s.workerRunning(id);
    t.is(await leaving.stop('SIGTERM'), 0);
    const entries = leaving
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    t.truthy(entries.find((e) => e.message === 'job handed back to the queue' && e.job_id === id));
    t.deepEqual(
      entries.filter((e) => e.level === 'error'),
      [],
    );
    s.workers = [s.workers.find((w) => w !== leaving) as Proc, await startWorkerProcess(s.env)];
    t.is((await waitForJob(s.client(), id, 180_000, 500)).status, 'completed');
  },
);

test.serial('cancelling a running job stops its engine (latency measured)', async (t) => {
  const s = stack as Stack;
  const latencies: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = await submit(cyclingRequest(20, 70 + i));
    ids.push(id);
    const worker = await s.workerRunning(id);
    await new Promise((resolve) => setTimeout(resolve, 300 * i));
    const sentMs = Date.now();
    t.is((await s.client().delete(`/api/v1/jobs/${id}`)).status, 200);
    const stopped = await worker.waitForLog((e) => e.message === 'job stopped' && e.job_id === id, 10_000);
    latencies.push(Date.parse(String(stopped.time)) - sentMs);
  }
  t.log(`engine stopped after ${latencies.join(', ')} ms`);
  const after = await Promise.all(ids.map((id) => s.client().get(`/api/v1/jobs/${id}`)));
  t.deepEqual(
    after.map((r) => r.body.status),
    ids.map(() => 'cancelled'),
  );
});
