// Sweeps end to end on the production stack (tests/helpers/stack.ts: its own PostgreSQL, Redis and S3
// server; `precipitate migrate`, the API and two workers as processes): the sweep (30 isothermal
// temperatures 140-260 °C, 100 h) completes with the rows the core computes, spread over both workers;
// and a sweep whose worker is SIGKILLed mid-chunk completes with every run stored exactly once.
import test from 'ava';
import { openDatabase } from '../../src/service/db/connect.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { coreRows, isothermalSweep, waitForSweep, withoutTiming, type SweepBody } from './sweep-support.js';

let stack: Stack | undefined;
const temperatures = (first: number) => Array.from({ length: 30 }, (_, i) => first + (120 * i) / 29);

test.before(async () => {
  stack = await startStack({ SWEEP_CHUNK_RUNS: '3' });
});

test.after.always(async () => {
  await stack?.close();
});

async function resultsOf(id: string): Promise<Record<string, unknown>[]> {
  const reply = await (stack as Stack)
    .client()
    .get<{ rows: Record<string, unknown>[] }>(`/api/v1/sweeps/${id}/results`);
  return reply.body.rows.map(withoutTiming);
}

test.serial('the 30-temperature sweep completes on two workers with the core’s rows', async (t) => {
  const s = stack as Stack;
  const document = isothermalSweep(temperatures(140), 100, 100);
  const posted = await s.client().post<SweepBody>('/api/v1/sweeps', document);
  t.is(posted.status, 202, posted.text);
  const done = await waitForSweep(s.client(), posted.body.id);
  t.is(done.status, 'completed');
  t.is(done.progress.runs_done, 30);
  t.deepEqual(await resultsOf(posted.body.id), await coreRows(document));
  const workers = s.workers.map(
    (w) =>
      w
        .output()
        .split('\n')
        .filter((l) => l.includes('"sweep chunk completed"')).length,
  );
  t.true(
    workers.every((chunks) => chunks > 0),
    `chunks per worker: ${workers}`,
  );
});

test.serial('a worker SIGKILLed mid-sweep loses no run and stores none twice', async (t) => {
  const s = stack as Stack;
  // Other temperatures than the first test's: nothing is taken from its rows.
  const document = isothermalSweep(temperatures(141), 100, 100);
  const posted = await s.client().post<SweepBody>('/api/v1/sweeps', document);
  const id = posted.body.id;
  const victim = await Promise.any(
    s.workers.map(async (w) => {
      await w.waitForLog((e) => e.message === 'sweep chunk started' && e.sweep_id === id, 60_000);
      return w;
    }),
  );
  // Mid-chunk: after the sweep has stored some runs, while the victim is still on its chunk.
  await victim.waitForLog((e) => e.message === 'sweep chunk started' && e.sweep_id === id && e.chunk !== 0);
  await victim.stop('SIGKILL');
  const done = await waitForSweep(s.client(), id);
  t.is(done.status, 'completed');
  t.deepEqual(await resultsOf(id), await coreRows(document));
  const db = openDatabase({ kind: 'pg', url: s.postgres.url, poolMax: 1 });
  try {
    const runs = (await db('sweep_runs').where({ sweep_id: id }).select('run_index', 'chunk', 'attempt')) as {
      run_index: number;
      chunk: number;
      attempt: number;
    }[];
    t.deepEqual(
      runs.map((r) => r.run_index).sort((a, b) => a - b),
      Array.from({ length: 30 }, (_, i) => i),
    );
    const retried = new Set(runs.filter((r) => r.attempt > 1).map((r) => r.chunk));
    t.is(retried.size, 1, 'only the killed worker’s chunk was delivered again');
  } finally {
    await db.destroy();
  }
  const logs = s.logs().filter((e) => e.sweep_id === id);
  t.true(logs.some((e) => e.message === 'sweep completed'));
});
