// `node build/bench/load-api.js [COUNT [HOLD_MS]]` (through .ci/services.sh): the production API process
// alone, without engines competing for the cores, so that its CPU per synchronous answer is steady enough to
// resolve a few tenths of a millisecond, which the whole stack's sittings cannot (bench/README.md, round 6).
// `precipitate serve` on the throwaway PostgreSQL and Redis, local files; a stand-in worker in this process
// takes each job from the queue, claims it, completes it with the stored results of one real run of the seed
// request (made first by the embedded service) and publishes its notification, through the service's own
// queue, repository and notifier code. The load generator (bench/load-stream.ts) posts COUNT distinct
// requests from four synchronous clients; with HOLD_MS each job is held that long first, as a run would be
// (the API then idles between answers, as in the stack). Prints the API's CPU per answer (user, system), its
// CPU per second while idle, and the others' CPU per answer. Not a test.
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/service/db/connect.js';
import * as jobs from '../src/service/db/jobs.js';
import { JsonText } from '../src/service/db/rows.js';
import { silentLogger } from '../src/service/log.js';
import { createRedisNotifier } from '../src/service/notify.js';
import { openRedis, quitRedis } from '../src/service/adapters.js';
import { startBeeWorker } from '../src/service/queue/bee.js';
import { startServer } from '../src/service/server.js';
import { runCli, startApi } from '../tools/harness/processes.js';
import { clearRedisPrefix, createPgSchema, tempDir, uniqueName } from '../tools/harness/services.js';
import { loadStream, seed } from './load-client.js';
import { userSystemMs } from './proc-cpu.js';
import { stackEnv } from './production.js';

const COUNT = Number(process.argv[2] ?? 200);
/** How long the stand-in worker holds each job before completing it, ms (an engine run: ~200). */
const HOLD_MS = Number(process.argv[3] ?? 0);
/** The API's CPU while no request comes is measured over this long, ms. */
const IDLE_MS = 5000;

/** The results a completed seed run stores, as the runner writes them: the answer's results less its files. */
async function storedResultsText(): Promise<string> {
  const dir = await tempDir('bench-load-api');
  const server = await startServer(
    loadConfig({ DATA_DIR: dir.path, PORT: '0', RATE_LIMIT_PER_MINUTE: '0', SYNC_WAIT_SECONDS: '120' }),
    silentLogger,
  );
  try {
    const reply = await fetch(`${server.url}/api/v1/simulate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(seed(-300)),
    });
    const { results } = (await reply.json()) as { results: Record<string, unknown> };
    const { summary, series, engine, timing } = results;
    return JSON.stringify({ summary, series, engine, timing });
  } finally {
    await server.close();
    await dir.remove();
  }
}

const resultsText = await storedResultsText();
const schema = await createPgSchema();
const dir = await tempDir('bench-load-api');
const prefix = uniqueName('bench');
const env = { ...stackEnv(schema.url, prefix, dir.path, process.env.BENCH_NODE_OPTIONS), LOG_LEVEL: 'info' };
await runCli(['migrate'], env);
const api = await startApi(env);
const config = loadConfig(env);
if (config.queue.kind !== 'bee') throw new Error('expected the Redis queue');
const db = openDatabase(config.database);
const redis = openRedis(config.queue.redisUrl, silentLogger);
const notifier = createRedisNotifier(redis, prefix, silentLogger, { subscribe: false });
const worker = startBeeWorker(
  config.queue,
  async (jobId) => {
    const claim = await jobs.claimJob(db, jobId, 'stand-in', 3);
    if (claim.outcome !== 'claimed') return 'done';
    if (HOLD_MS > 0) await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    const done = await jobs.completeJob(db, jobId, claim.job.attempt, {
      results: new JsonText(resultsText),
      result_urls: { 'run-data.gz': 'run-data.gz' },
      engine_version: 'stand-in',
      progress: { fraction: 1, simulated_hours: 25, steps: 23036 },
    });
    if (done) await notifier.publish(jobId);
    return 'done';
  },
  2,
  silentLogger,
);
try {
  await loadStream(api.url, 0, 40, 4); // warm-up
  const idleBefore = await userSystemMs(api.proc.pid);
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const idleAfter = await userSystemMs(api.proc.pid);
  const idleMsPerS =
    (idleAfter.user + idleAfter.system - idleBefore.user - idleBefore.system) / (IDLE_MS / 1000);
  const before = await userSystemMs(api.proc.pid);
  const ownBefore = process.cpuUsage();
  const load = await loadStream(api.url, 40, COUNT, 4);
  const after = await userSystemMs(api.proc.pid);
  const perAnswer = (ms: number) => Number((ms / COUNT).toFixed(3));
  const own = process.cpuUsage(ownBefore);
  console.log(
    JSON.stringify({
      answers: COUNT,
      api_idle_cpu_ms_per_s: Number(idleMsPerS.toFixed(1)),
      api_cpu_ms_per_answer: perAnswer(after.user + after.system - before.user - before.system),
      api_user_ms: perAnswer(after.user - before.user),
      api_system_ms: perAnswer(after.system - before.system),
      answers_per_s: Number((COUNT / load.seconds).toFixed(1)),
      stand_in_worker_cpu_ms_per_answer: Number(((own.user + own.system) / 1000 / COUNT).toFixed(3)),
      load_generator_cpu_ms_per_answer: Number((load.cpuMs / COUNT).toFixed(3)),
    }),
  );
} finally {
  await worker.close(1000);
  await notifier.close();
  await quitRedis(redis);
  await db.destroy();
  await api.proc.stop('SIGTERM');
  await clearRedisPrefix(prefix);
  await schema.drop();
  await dir.remove();
}
