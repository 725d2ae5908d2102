// The production stack's rows of `npm run bench:service` (issue 17): API and two worker processes, Redis and
// PostgreSQL (the throwaway ones `.ci/services.sh` starts), s3rver; a stream of distinct synchronous requests
// from a load generator of its own; throughput against 2 ÷ engine time, and the CPU per run of every part.
import { client } from '../tools/harness/http.js';
import { runCli, startApi, startWorkerProcess, type Proc } from '../tools/harness/processes.js';
import {
  clearRedisPrefix,
  createPgSchema,
  redisUrl,
  startS3,
  tempDir,
  uniqueName,
} from '../tools/harness/services.js';
import type { EngineCeiling } from './engine-ceiling.js';
import { loadStream, post, seed, steadyRunsPerS } from './load-client.js';
import { median, ms, ms1 } from './numbers.js';
import {
  cpuMs,
  serverCounts,
  serverCpuMs,
  threadCpuMs,
  userSystemMs,
  workerThreadsShare,
} from './proc-cpu.js';

export interface ProductionOptions {
  /** Requests in the stream. */
  stream: number;
  /** NODE_OPTIONS for the API and worker processes. */
  childNodeOptions: string | undefined;
}

/**
 * The environment of a bench's API and workers: its own PostgreSQL schema, Redis prefix and directory, no
 * rate limit, a synchronous wait long enough for any queue, migrations run beforehand (`precipitate migrate`).
 */
export function stackEnv(databaseUrl: string, redisPrefix: string, dataDir: string, nodeOptions?: string) {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: redisPrefix,
    DATA_DIR: dataDir,
    SYNC_WAIT_SECONDS: '120',
    RATE_LIMIT_PER_MINUTE: '0',
    MIGRATE_ON_START: 'false',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  };
}

export async function production(
  embeddedEngineMs: number,
  ceiling: EngineCeiling | undefined,
  threadsPerWorker: number,
  { stream: STREAM, childNodeOptions: CHILD_NODE_OPTIONS }: ProductionOptions,
): Promise<void> {
  const schema = await createPgSchema();
  const s3 = await startS3();
  const dir = await tempDir('bench-production');
  const prefix = uniqueName('bench');
  const env = {
    ...stackEnv(schema.url, prefix, dir.path, CHILD_NODE_OPTIONS),
    ...s3.env,
    WORKER_CONCURRENCY: String(threadsPerWorker),
    LOG_LEVEL: 'warn',
  };
  const procs: Proc[] = [];
  try {
    await runCli(['migrate'], env);
    const apiProc = await startApi({ ...env, LOG_LEVEL: 'info' });
    procs.push(apiProc.proc);
    procs.push(...(await Promise.all([0, 1].map(() => startWorkerProcess({ ...env, LOG_LEVEL: 'info' })))));
    const api = client(apiProc.url);
    await Promise.all([0, 1, 2, 3].map((i) => post(api, seed(100 + i)))); // warm-up
    const cpuBefore = await Promise.all(procs.map((p) => cpuMs(p.pid)));
    const apiBefore = await userSystemMs(apiProc.proc.pid);
    const workerThreadsBefore = await Promise.all(procs.slice(1).map((p) => threadCpuMs(p.pid)));
    const countsBefore = await serverCounts();
    const serversBefore = await serverCpuMs();
    const benchCpuBefore = process.cpuUsage();
    // A stream: four clients posting synchronously, so that both workers always have a job waiting; in a
    // process of their own (bench/load-stream.ts), so that their CPU is measured apart from the stack's.
    const load = await loadStream(apiProc.url, 200, STREAM, 4);
    const { seconds, engineMs: engine } = load;
    const throughput = STREAM / seconds;
    const cpu = (await Promise.all(procs.map((p) => cpuMs(p.pid)))).map(
      (c, i) => (c - cpuBefore[i]) / STREAM,
    );
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const apiAfter = await userSystemMs(apiProc.proc.pid);
    const serversAfter = await serverCpuMs();
    const countsAfter = await serverCounts();
    const workerThreadsAfter = await Promise.all(procs.slice(1).map((p) => threadCpuMs(p.pid)));
    const split = workerThreadsAfter.map((after, w) =>
      workerThreadsShare(procs[w + 1].pid, workerThreadsBefore[w], after, threadsPerWorker),
    );
    const perRun = (f: (s: (typeof split)[number]) => number) => split.reduce((a, s) => a + f(s), 0) / STREAM;
    const engineUserMs = perRun((s) => s.engineUser);
    const engineSystemMs = perRun((s) => s.engineSystem);
    const ideal = 2 / (embeddedEngineMs / 1000);
    console.log(
      `## Production stack: API + 2 workers × ${threadsPerWorker} engine thread(s), Redis, PostgreSQL, s3rver; ${STREAM} distinct requests\n`,
    );
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| engine time in the stack, median (ms) | ${ms(median(engine))} |`);
    console.log(`| throughput (runs/s) | ${throughput.toFixed(2)} |`);
    console.log(`| 2 ÷ engine time of one run alone (embedded, above) (runs/s) | ${ideal.toFixed(2)} |`);
    console.log(`| throughput / (2 ÷ engine time alone) | ${(throughput / ideal).toFixed(2)} |`);
    const steady = steadyRunsPerS(load.doneAtS, 4);
    console.log(
      `| steady throughput: from the 4th answer to the 4th from the end (runs/s); / (2 ÷ engine time alone) | ${steady.toFixed(2)}; ${(steady / ideal).toFixed(2)} |`,
    );
    if (ceiling) {
      const ratio = (throughput / ceiling.ceilingRunsPerS).toFixed(2);
      console.log(`| throughput / two bare engines' ceiling (2 ÷ engine time side by side) | ${ratio} |`);
      // engine_ms covers the kinetics, the strength and the summary: simulate()'s wall time, up to its call overhead.
      const whole = `${ms(ceiling.aloneSimulateMs)} / ${ms(ceiling.aloneCpuMs)}`;
      console.log(
        `| simulate() of one run alone (kinetics + strength + summary), wall median / CPU per run (ms) | ${whole} |`,
      );
      const simulateRatio = (throughput / (2000 / ceiling.aloneSimulateMs)).toFixed(2);
      console.log(`| throughput / (2 ÷ simulate() wall time alone) | ${simulateRatio} |`);
    }
    console.log(`| CPU per run: API process (ms) | ${ms1(cpu[0])} |`);
    const apiSplit = {
      user: (apiAfter.user - apiBefore.user) / STREAM,
      system: (apiAfter.system - apiBefore.system) / STREAM,
    };
    console.log(`| … of it user / system (ms) | ${ms1(apiSplit.user)} / ${ms1(apiSplit.system)} |`);
    console.log(`| CPU per run: the two worker processes, engine included (ms) | ${ms1(cpu[1] + cpu[2])} |`);
    console.log(
      `| … of it in the engine threads (run, strength, compact series, results text): user + system (ms) | ${ms1(engineUserMs + engineSystemMs)} = ${ms1(engineUserMs)} + ${ms1(engineSystemMs)} |`,
    );
    console.log(
      `| … of it in the workers' main threads (queue, database, storage calls) (ms) | ${ms1(perRun((s) => s.main))} |`,
    );
    console.log(
      `| … of it in the workers' helper threads (V8's GC of every thread, libuv's pool) (ms) | ${ms1(perRun((s) => s.helpers))} |`,
    );
    const benchMs = (benchCpu.user + benchCpu.system) / 1000 / STREAM;
    console.log(`| CPU per run: this process (s3rver) (ms) | ${ms1(benchMs)} |`);
    const pgMs = (serversAfter.postgres - serversBefore.postgres) / STREAM;
    const redisMs = (serversAfter.redis - serversBefore.redis) / STREAM;
    console.log(`| CPU per run: PostgreSQL, all its processes (ms) | ${ms1(pgMs)} |`);
    const pgKinds = [...serversAfter.pgByKind].map(
      ([kind, after]) => `${kind} ${((after - (serversBefore.pgByKind.get(kind) ?? 0)) / STREAM).toFixed(1)}`,
    );
    console.log(`| … by process (ms) | ${pgKinds.join(', ')} |`);
    console.log(`| CPU per run: Redis (ms) | ${ms1(redisMs)} |`);
    const stackMs = cpu.reduce((a, b) => a + b, 0) + benchMs + pgMs + redisMs;
    console.log(`| CPU per run: the stack, all of the above (ms) | ${ms1(stackMs)} |`);
    const loadMs = load.cpuMs / STREAM;
    console.log(`| CPU per run: the load generator (four clients, own process) (ms) | ${ms1(loadMs)} |`);
    const totalMs = stackMs + loadMs;
    console.log(`| CPU per run: the stack and the load generator (ms) | ${ms1(totalMs)} |`);
    console.log(`| bound on 2 cores: 2 ÷ CPU per run (runs/s) | ${(2000 / totalMs).toFixed(2)} |`);
    if (ceiling) {
      // Steadier than wall times when others share the machine: of the CPU the stack spends per run, the
      // share a bare engine stream needs for the same run (the throughput ratio on a quiet, CPU-bound machine).
      const share = (ceiling.sideBySideCpuMs / totalMs).toFixed(2);
      console.log(
        `| bare engine stream's CPU per run (side by side) ÷ the stack's and load generator's CPU per run | ${share} |`,
      );
    }
    // PostgreSQL's statistics arrive within ~0.5 s; the count includes the two reads of the counters.
    const statements = (countsAfter.statements - countsBefore.statements) / STREAM;
    const commands = (countsAfter.redisCommands - countsBefore.redisCommands) / STREAM;
    console.log(`| PostgreSQL statements per run (all processes) | ${statements.toFixed(1)} |`);
    console.log(`| Redis commands per run (all processes, stall checks included) | ${commands.toFixed(1)} |`);
    console.log('');
  } finally {
    await Promise.all(procs.map((p) => p.stop('SIGTERM')));
    await clearRedisPrefix(prefix);
    await schema.drop();
    await s3.close();
    await dir.remove();
  }
}
