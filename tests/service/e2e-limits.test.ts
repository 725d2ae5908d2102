// End to end, the hostile requests against the real processes: `precipitate serve` and two
// `precipitate worker` processes (two engine threads each, as on a 2-core machine) on PostgreSQL and
// Redis of their own (tests/helpers/stack.ts), result files on s3rver. No request may hang an engine thread or
// take a worker past 1 GiB: each ends as a 422 naming the field, a completed job, or a failed job that
// says which limit it hit, and the workers carry on. The tests run in order on that one deployment.
import { readFileSync } from 'node:fs';
import test from 'ava';
import { waitForJob, type Client } from '../../tools/harness/http.js';
import { startWorkerProcess, type Proc } from '../../tools/harness/processes.js';
import { startStack, type Stack } from '../helpers/stack.js';

const GIB_MB = 1024;

let stack: Stack | undefined;
const api = (): Client => (stack as Stack).client();

const isothermal = (hours: number) => ({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  simulation_time_hours: hours,
  max_points: 50,
});

/** `n` points alternating between two temperatures over `hours` (the two schedules use n = 1000). */
const alternating = (n: number, hours: number, lowC: number, highC: number) => ({
  ...isothermal(hours),
  temperature_profile: {
    time_points_hours: Array.from({ length: n }, (_, i) => (i * hours) / n),
    temperatures_celsius: Array.from({ length: n }, (_, i) => (i % 2 ? highC : lowC)),
  },
});

/** 20 points cycling 170/250 °C over 100 h: ~25,000 steps and ~50 MB of result files. */
const CYCLES = alternating(20, 100, 170, 250);

/** Peak resident memory of a process (all its threads), MB. */
function peakRssMb(proc: Proc): number {
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** Stops the workers and starts two new ones with `extra` in their environment. */
async function restartWorkers(extra: Record<string, string>): Promise<void> {
  const s = stack as Stack;
  await Promise.all(s.workers.map((w) => w.stop('SIGTERM')));
  s.workers = await Promise.all([1, 2].map(() => startWorkerProcess({ ...s.env, ...extra })));
}

async function finished(body: unknown): Promise<Record<string, unknown>> {
  const accepted = await api().post('/api/v1/simulate/async', body);
  if (accepted.status !== 202) throw new Error(`not accepted: ${accepted.status} ${accepted.text}`);
  return waitForJob(api(), String(accepted.body.job_id), 240_000, 500);
}

test.before(async () => {
  // Two engine threads per worker, as on a 2-core machine; the tests wait for their jobs.
  stack = await startStack({
    WORKER_CONCURRENCY: '2',
    RECONCILE_INTERVAL_SECONDS: '2',
    SYNC_WAIT_SECONDS: '60',
  });
});

test.after.always(async () => {
  await stack?.close();
});

test.serial(
  'simulation_time_hours: 5e-324 completes with every file; the workers take the next job',
  async (t) => {
    const tiny = await api().post('/api/v1/simulate', { ...isothermal(5e-324) });
    t.is(tiny.status, 200, tiny.text.slice(0, 500));
    t.is(tiny.body.status, 'completed');
    const files = (tiny.body.results as { files: Record<string, string> }).files;
    t.true('precipitation_plot' in files, Object.keys(files).join(' '));
    const png = await api().get(`/api/v1/jobs/${String(tiny.body.job_id)}/files/precipitation_plot`);
    t.true([200, 302].includes(png.status));
    t.is((await finished(isothermal(1))).status, 'completed');
  },
);

test.serial('physically meaningless parameters are a 422 naming the field (U2_PHASE: 1e300)', async (t) => {
  const reply = await api().post('/api/v1/simulate/async', {
    ...isothermal(1),
    config: { interfacial_energy: { U2_PHASE: 1e300 } },
  });
  t.is(reply.status, 422);
  t.deepEqual(
    (reply.body.errors as { pointer: string }[]).map((e) => e.pointer),
    ['/config/interfacial_energy/U2_PHASE'],
  );
});

test.serial(
  'the issue’s costly schedules: a 422, failed jobs that say why, workers alive and under 1 GiB',
  async (t) => {
    const s = stack as Stack;
    // 1,000 points alternating 0/700 °C over 1 h: ~4.7 million steps; refused before it runs.
    const hot = await api().post('/api/v1/simulate/async', alternating(1000, 1, 0, 700));
    t.is(hot.status, 422);
    const errors = (hot.body.errors ?? []) as { pointer: string; detail: string }[];
    t.deepEqual(
      errors.map((e) => e.pointer),
      ['/temperature_profile/temperatures_celsius'],
    );
    if (hot.status !== 422) return; // nothing else may run on a worker that does not bound its work
    // 1,000 points at 150/200 °C over 100 h (~840,000 steps) twice, and twice the valid run that records
    // the most rows (250 points: ~260,000 steps), all at once on the two workers' four engine threads.
    const costly = alternating(1000, 100, 150, 200);
    const largest = alternating(250, 100, 150, 200);
    const jobs = await Promise.all([costly, largest, costly, largest].map(finished));
    t.deepEqual(
      jobs.map((j) => j.status),
      ['failed', 'completed', 'failed', 'completed'],
    );
    for (const job of [jobs[0], jobs[2]])
      t.regex(String(job.error), /^the run needs more than 500000 steps, the limit of one run \(stopped at/);
    for (const worker of s.workers) {
      t.is(worker.child.exitCode, null, 'the worker process is still running');
      const peakMb = peakRssMb(worker);
      t.log(`worker ${worker.pid}: peak resident memory ${peakMb.toFixed(0)} MB`);
      t.true(peakMb < GIB_MB, `worker ${worker.pid} peaked at ${peakMb.toFixed(0)} MB`);
      t.false(worker.output().includes('engine thread stopped'), 'no engine thread died');
    }
    t.is((await finished(isothermal(1))).status, 'completed');
  },
);

test.serial('a run over ENGINE_TIMEOUT_SECONDS fails saying so; its thread is replaced', async (t) => {
  // A budget the costly schedule fits, so that only the wall-clock limit (far below its run time) stops it.
  await restartWorkers({ ENGINE_TIMEOUT_SECONDS: '3', ENGINE_MAX_STEPS: '5000000' });
  const slow = await finished(alternating(1000, 100, 150, 200));
  t.is(slow.status, 'failed');
  t.is(slow.error, 'the run took longer than the time limit of 3 s (ENGINE_TIMEOUT_SECONDS) and was stopped');
  const logged = (stack as Stack).workers.some((w) => w.output().includes('exceeded its time limit'));
  t.true(logged, 'a worker logged the replacement');
  t.is((await finished(isothermal(0.5))).status, 'completed');
});

test.serial('a run over ENGINE_MEMORY_MB fails saying so; its thread is replaced', async (t) => {
  // An engine run needs only ~4-8 MB of JavaScript heap (its arrays are typed arrays and kernel memory,
  // bounded by the step budget and row cap): 4 MB is a limit it exceeds.
  await restartWorkers({ ENGINE_MEMORY_MB: '4' });
  const message =
    "the run needed more than the engine thread's memory limit of 4 MB (ENGINE_MEMORY_MB); the thread was replaced";
  for (const body of [CYCLES, isothermal(0.45)]) {
    const job = await finished(body);
    t.is(job.status, 'failed');
    t.is(job.error, message);
  }
  for (const worker of (stack as Stack).workers) t.is(worker.child.exitCode, null);
  await restartWorkers({});
  t.is((await finished(isothermal(0.5))).status, 'completed');
});
