// End to end in production mode, every part a separate process or a real server: PostgreSQL (own schema),
// Redis (own key prefix), s3rver over HTTP (own bucket); `precipitate migrate`, then the API and two
// workers. The tests run in order on that one deployment.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { API_FILE_KEYS } from '../../src/output/index.js';
import { cyclingRequest } from '../helpers/stack.js';
import { client, waitForJob, type Client } from '../../tools/harness/http.js';
import { runCli, startApi, startWorkerProcess, type Proc } from '../../tools/harness/processes.js';
import {
  clearRedisPrefix,
  createPgSchema,
  redisUrl,
  startS3,
  tempDir,
  uniqueName,
  type PgSchema,
  type S3Server,
  type TempDir,
} from '../../tools/harness/services.js';

const KEY = 'production-key-0123456789abcdef';

interface Stack {
  schema: PgSchema;
  s3: S3Server;
  dir: TempDir;
  env: Record<string, string>;
  api: { proc: Proc; url: string };
  workers: Proc[];
}

let stack: Stack | undefined;
const api = (): Client => client((stack as Stack).api.url, KEY);

const isothermal = (celsius: number, hours: number) => ({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
  simulation_time_hours: hours,
  max_points: 100,
});

/** The cases of the 20-job run: short schedules, several shapes and units. */
const CASES = [
  isothermal(165, 2),
  isothermal(185, 3),
  {
    composition: { MG: 0.72, SI: 0.57 },
    composition_unit: 'atomic_percent',
    temperature_profile: { time_points_hours: [0, 1, 1.5], temperatures_celsius: [160, 160, 200] },
    simulation_time_hours: 3,
  },
  {
    ...isothermal(175, 2),
    composition: { MG: 0.8, SI: 0.7 },
    composition_unit: 'weight_percent',
    phases: ['MGSI_B_P', 'MG5SI6_B_DP'],
  },
];

/**
 * A job that runs for seconds (~380,000 steps: temperature cycles force many), so that it can be cancelled or
 * killed while it runs; 100 h of cycles every 5 h took 0.3 s, which a DELETE could miss.
 */
const LONG = cyclingRequest(20, 100);

test.before(async () => {
  const schema = await createPgSchema();
  const s3 = await startS3();
  const dir = await tempDir('e2e-production');
  const env = {
    DATABASE_URL: schema.url,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: uniqueName('e2e'),
    ...s3.env,
    API_KEYS: KEY,
    DATA_DIR: dir.path,
    WORKER_CONCURRENCY: '1',
    STALL_INTERVAL_SECONDS: '2',
    RECONCILE_INTERVAL_SECONDS: '2',
    SHUTDOWN_TIMEOUT_SECONDS: '5',
    SYNC_WAIT_SECONDS: '60',
    RATE_LIMIT_PER_MINUTE: '100000',
    MIGRATE_ON_START: 'false',
  };
  stack = { schema, s3, dir, env, api: { proc: undefined as unknown as Proc, url: '' }, workers: [] };
  await runCli(['migrate'], env);
  stack.api = await startApi(env);
  stack.workers = await Promise.all([startWorkerProcess(env), startWorkerProcess(env)]);
});

test.after.always(async () => {
  if (!stack) return;
  await Promise.all([stack.api.proc?.stop('SIGKILL'), ...stack.workers.map((w) => w.stop('SIGKILL'))]);
  await clearRedisPrefix(stack.env.REDIS_PREFIX);
  await stack.schema.drop();
  await stack.s3.close();
  await stack.dir.remove();
});

/** The summary the CLI prints for a request, with the same kernel. */
async function cliSummary(body: unknown, kernel: string): Promise<unknown> {
  const file = join((stack as Stack).dir.path, `${uniqueName('request')}.json`);
  await writeFile(file, JSON.stringify(body));
  return (JSON.parse(await runCli(['run', file, '--json', '--engine', kernel])) as { summary: unknown })
    .summary;
}

/** Which worker process logged that it started the job (and the log line). */
async function workerRunning(id: string): Promise<Proc> {
  const procs = (stack as Stack).workers;
  return Promise.any(
    procs.map(
      async (p) => (await p.waitForLog((e) => e.message === 'job started' && e.job_id === id, 60_000), p),
    ),
  );
}

test.serial(
  '20 concurrent async jobs all complete with the CLI’s summaries; every file downloads',
  async (t) => {
    const startedMs = Date.now();
    const bodies = Array.from({ length: 20 }, (_, i) => CASES[i % CASES.length]);
    const accepted = await Promise.all(bodies.map((b) => api().post('/api/v1/simulate/async', b)));
    t.deepEqual(
      accepted.map((r) => r.status),
      bodies.map(() => 202),
    );
    const jobs = await Promise.all(
      accepted.map((r) => waitForJob(api(), String(r.body.job_id), 240_000, 1000)),
    );
    t.log(`20 jobs done after ${Date.now() - startedMs} ms`);
    t.deepEqual(
      jobs.map((j) => j.status),
      bodies.map(() => 'completed'),
    );
    type Results = { summary: unknown; engine: { kernel: string }; files: Record<string, string> };
    const results = jobs.map((j) => j.results as Results);
    for (const [c, body] of CASES.entries()) {
      const expected = await cliSummary(body, results[c].engine.kernel);
      for (let i = c; i < jobs.length; i += CASES.length)
        t.deepEqual(results[i].summary, expected, `job ${i} (case ${c})`);
    }
    t.log(`CLI compared after ${Date.now() - startedMs} ms`);
    for (const r of results) {
      t.deepEqual(Object.keys(r.files).sort(), Object.keys(API_FILE_KEYS).sort());
      for (const [key, url] of Object.entries(r.files)) {
        // Made by the API from the run data a worker made at the first download and stored in the bucket.
        t.true(url.startsWith(`${stack!.api.url}/api/v1/jobs/`), `${key} is the API's file route`);
        const response = await fetch(url, { headers: { Authorization: `Bearer ${KEY}` } });
        t.is(response.status, 200, key);
        t.true((await response.arrayBuffer()).byteLength > 0, key);
      }
    }
  },
);

test.serial(
  'a running 100 h job cancelled by DELETE reports cancelled and its engine stops without finishing',
  async (t) => {
    const accepted = await api().post('/api/v1/simulate/async', LONG);
    const id = String(accepted.body.job_id);
    const worker = await workerRunning(id);
    const sentAtMs = Date.now();
    const reply = await api().delete(`/api/v1/jobs/${id}`);
    t.is(reply.status, 200);
    t.is(reply.body.status, 'cancelled');
    t.is((await api().get(`/api/v1/jobs/${id}`)).body.status, 'cancelled');
    const stopped = await worker.waitForLog((e) => e.message === 'job stopped' && e.job_id === id, 60_000);
    // Figures, not assertions: wall-clock time is the machine's, not the code's (DEVELOPERS.md).
    t.log(`engine stopped ${Date.parse(String(stopped.time)) - sentAtMs} ms after the DELETE was sent`);
    t.is(stopped.reason, 'superseded', "stopped because the row is no longer this attempt's to run");
    // The worker takes the next job.
    const next = await api().post('/api/v1/simulate', isothermal(168, 2));
    t.is(next.body.status, 'completed');
    t.is((await api().get(`/api/v1/jobs/${id}`)).body.status, 'cancelled', 'a cancelled job stays cancelled');
    t.false(
      worker
        .output()
        .split('\n')
        .some((line) => line.includes('"job completed"') && line.includes(id)),
      'the cancelled run never completed',
    );
  },
);

test.serial('a worker killed with SIGKILL mid-job: the job is retried elsewhere and completes', async (t) => {
  const s = stack as Stack;
  const accepted = await api().post('/api/v1/simulate/async', { ...LONG, max_points: 99 });
  const id = String(accepted.body.job_id);
  const victim = await workerRunning(id);
  await victim.stop('SIGKILL');
  const survivor = s.workers.find((w) => w !== victim) as Proc;
  s.workers = [survivor, await startWorkerProcess(s.env)];
  const job = await waitForJob(api(), id, 120_000);
  t.is(job.status, 'completed');
  const retried = await Promise.any(
    s.workers.map((w) => w.waitForLog((e) => e.message === 'job completed' && e.job_id === id, 1000)),
  );
  t.true(Number(retried.attempt) >= 2, 'completed by a later attempt');
});

test.serial('restarting the API mid-run loses nothing', async (t) => {
  const s = stack as Stack;
  const accepted = await Promise.all(
    [160, 170, 180, 190].map((c) => api().post('/api/v1/simulate/async', isothermal(c, 2.5))),
  );
  const ids = accepted.map((r) => String(r.body.job_id));
  await s.api.proc.stop('SIGKILL');
  s.api = await startApi(s.env);
  const jobs = await Promise.all(ids.map((id) => waitForJob(api(), id, 120_000)));
  t.deepEqual(
    jobs.map((j) => j.status),
    ids.map(() => 'completed'),
  );
  // A graceful restart too: SIGTERM, then a new process on another port.
  const more = await api().post('/api/v1/simulate/async', isothermal(195, 2));
  t.is(await s.api.proc.stop('SIGTERM'), 0);
  s.api = await startApi(s.env);
  t.is((await waitForJob(api(), String(more.body.job_id))).status, 'completed');
});

test.serial(
  'jobs whose queue entries vanished (Redis lost them) are put back by the reconciler',
  async (t) => {
    const s = stack as Stack;
    await Promise.all(s.workers.map((w) => w.stop('SIGTERM')));
    const accepted = await Promise.all(
      [161, 171].map((c) => api().post('/api/v1/simulate/async', isothermal(c, 2))),
    );
    await clearRedisPrefix(s.env.REDIS_PREFIX); // as if Redis had restarted empty
    s.workers = await Promise.all([startWorkerProcess(s.env), startWorkerProcess(s.env)]);
    const jobs = await Promise.all(accepted.map((r) => waitForJob(api(), String(r.body.job_id), 120_000)));
    t.deepEqual(
      jobs.map((j) => j.status),
      ['completed', 'completed'],
    );
  },
);

test.serial('health names what is down: 503 when the storage is gone', async (t) => {
  const s = stack as Stack;
  const up = await api().get('/api/v1/health');
  t.is(up.status, 200);
  t.like(up.body, { adapters: { database: 'pg', queue: 'bee', storage: 's3' } });
  await s.s3.close();
  const down = await api().get('/api/v1/health');
  t.is(down.status, 503);
  t.is(down.headers.get('content-type'), 'application/problem+json');
  t.deepEqual(down.body.down, ['storage']);
  t.false(down.text.includes('S3RVER'), 'no secret in the answer');
});
