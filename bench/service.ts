// `npm run bench:service`: the service at engine speed. (1) The embedded service in this process (SQLite,
// in-process queue, local files): N distinct synchronous POSTs of the seed request (composition nudged so
// that nothing is cached), one after another: engine time, end-to-end latency, their ratio, bytes stored
// per run, a cached answer's bytes, the files made on request, peak RSS. (2) The production stack: API and
// two worker processes, Redis and PostgreSQL (the throwaway ones `.ci/services.sh` starts for it),
// s3rver: throughput of a stream of distinct requests against 2 ÷ engine time. (3) `precipitate
// run --out` of the seed request in fresh processes: wall time and peak RSS. Not a test. BENCH_RUNS,
// BENCH_STREAM, BENCH_CLI_RUNS change the counts; BENCH_PRODUCTION=0 skips the production stack.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { createClient } from 'redis';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { EXAMPLE_REQUEST } from '../src/request/index.js';
import { loadStream, seed, type Job } from './load-client.js';
import { silentLogger } from '../src/service/log.js';
import { startServer } from '../src/service/server.js';
import { client, type Client } from '../tools/harness/http.js';
import { measureEngineCeiling, printEngineCeiling, type EngineCeiling } from './engine-ceiling.js';
import { CLI } from '../tools/harness/paths.js';
import { runCli, startApi, startWorkerProcess, type Proc } from '../tools/harness/processes.js';
import {
  clearRedisPrefix,
  createPgSchema,
  databaseUrl,
  redisUrl,
  startS3,
  tempDir,
  uniqueName,
} from '../tools/harness/services.js';

const pgClient = pg.Client;
const N = Number(process.env.BENCH_RUNS ?? 20);
const STREAM = Number(process.env.BENCH_STREAM ?? 40);
const SKIP_PRODUCTION = process.env.BENCH_PRODUCTION === '0';
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);
/** Warm runs of each bare engine stream for the two-engine ceiling (0: not measured). */
const CEILING_RUNS = Number(process.env.BENCH_CEILING_RUNS ?? 20);
/** Engine threads per worker in the production rows, e.g. "1,2" (default) or "1". */
const THREADS = (process.env.BENCH_THREADS ?? '1,2').split(',').map(Number);
/** NODE_OPTIONS for the API and worker processes (e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile them). */
const CHILD_NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};
const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => x.toFixed(0);
/** CPU per run: /proc counts 10 ms ticks, i.e. 0.17–0.25 ms per run over a 40–60-run stream. */
const ms1 = (x: number) => x.toFixed(1);

async function post(api: Client, body: unknown): Promise<{ job: Job; ms: number }> {
  const started = performance.now();
  const reply = await api.post<Job>('/api/v1/simulate', body);
  const elapsed = performance.now() - started;
  if (reply.status !== 200 || reply.body.status !== 'completed')
    throw new Error(`POST /simulate: ${reply.status} ${reply.text.slice(0, 300)}`);
  return { job: reply.body, ms: elapsed };
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

/** Largest RSS seen while `action` runs (sampled every 2 ms), bytes. */
async function peakRss(action: () => Promise<unknown>): Promise<number> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    await action();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss());
}

/** Every download of a job (gzip accepted), each fetched `times` times; median ms per key. */
async function downloadAll(job: Job, times: number): Promise<Record<string, number>> {
  const fetchMs: Record<string, number> = {};
  for (const [key, url] of Object.entries(job.results.files)) {
    const samples: number[] = [];
    for (let k = 0; k < times; k++) {
      const started = performance.now();
      const response = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
      await response.arrayBuffer();
      samples.push(performance.now() - started);
    }
    fetchMs[key] = median(samples);
  }
  return fetchMs;
}

async function embedded(): Promise<number> {
  const dir = await tempDir('bench-service');
  const server = await startServer(
    loadConfig({
      DATA_DIR: dir.path,
      PORT: '0',
      WORKER_CONCURRENCY: '1',
      RATE_LIMIT_PER_MINUTE: '0',
      SYNC_WAIT_SECONDS: '120',
    }),
    silentLogger,
  );
  try {
    const api = client(server.url);
    const files = join(dir.path, 'results');
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the engine thread loads its database
    const idleRss = process.memoryUsage.rss();
    const firstPeak = await peakRss(async () => downloadAll((await post(api, seed(-100))).job, 1));
    for (let i = 0; i < 3; i++) await post(api, seed(-1 - i)); // warm-up: JIT, thread, SQLite pages
    const before = await bytesUnder(files);
    const runs: { ms: number; engineMs: number }[] = [];
    for (let i = 0; i < N; i++) {
      const { job, ms: elapsed } = await post(api, seed(i));
      runs.push({ ms: elapsed, engineMs: job.results.timing.engine_ms });
    }
    const perRun = ((await bytesUnder(files)) - before) / N;
    const storedBefore = await bytesUnder(files);
    const cached = await post(api, seed(0));
    const cachedBytes = (await bytesUnder(files)) - storedBefore;
    const fetchMs = await downloadAll(cached.job, 3); // made on request: median of 3 fetches each
    const latency = runs.map((r) => r.ms);
    const engine = runs.map((r) => r.engineMs);
    const ratios = runs.map((r) => r.ms / r.engineMs);
    console.log(
      `## Embedded service: ${N} distinct synchronous POSTs of the seed request, one after another\n`,
    );
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| engine time, median (ms) | ${ms(median(engine))} |`);
    console.log(`| end-to-end latency, median (ms) | ${ms(median(latency))} |`);
    console.log(`| end-to-end latency, p90 (ms) | ${ms(quantile(latency, 0.9))} |`);
    console.log(`| latency / engine time, median of runs | ${median(ratios).toFixed(2)} |`);
    console.log(`| latency − engine time, median (ms) | ${ms(median(runs.map((r) => r.ms - r.engineMs)))} |`);
    console.log(`| bound: 1.5 × engine + 50 ms (ms) | ${ms(1.5 * median(engine) + 50)} |`);
    console.log(`| bytes stored per run (files) | ${Math.round(perRun)} |`);
    console.log(`| bytes stored by a cached answer | ${cachedBytes} |`);
    console.log(`| cached answer latency (ms) | ${ms(cached.ms)} |`);
    for (const [key, t] of Object.entries(fetchMs))
      console.log(`| GET ${key}, made on request (ms) | ${ms(t)} |`);
    const mb = (bytes: number) => ms(bytes / 2 ** 20);
    console.log(`| RSS of the idle service, engine thread loaded (MB) | ${mb(idleRss)} |`);
    console.log(`| peak RSS over it: first run + all its downloads (MB) | ${mb(firstPeak - idleRss)} |`);
    console.log(
      `| peak RSS of the process, whole bench (MB) | ${ms(process.resourceUsage().maxRSS / 1024)} |`,
    );
    console.log('');
    return median(engine);
  } finally {
    await server.close();
    await dir.remove();
  }
}

/** CPU time (user + system) a process has used so far, ms (Linux /proc; clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15)
}

/** CPU time a process has used so far, user and system apart, ms. */
async function userSystemMs(pid: number): Promise<{ user: number; system: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** CPU time of each thread of a process so far (user and system), ms, by thread id. */
async function threadCpuMs(pid: number): Promise<Map<string, { user: number; system: number }>> {
  const out = new Map<string, { user: number; system: number }>();
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(tid, { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 });
  }
  return out;
}

interface ProcEntry {
  pid: number;
  ppid: number;
  name: string;
  cmdline: string;
}

async function processes(): Promise<ProcEntry[]> {
  const all: ProcEntry[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (!stat) continue;
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    all.push({ pid: Number(entry), ppid, name, cmdline: cmdline.replace(/\0/g, ' ') });
  }
  return all;
}

/** CPU time of the children a process has waited for (cutime + cstime), ms. */
async function childrenCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime (fields 16 and 17)
}

/** A PostgreSQL process's kind from its title: 'backends' for client connections, else e.g. 'walwriter'. */
function pgKind(cmdline: string): string {
  const title = cmdline.replace(/^postgres:\s*/, '').trim();
  const known = ['walwriter', 'checkpointer', 'background writer', 'autovacuum', 'logical replication'];
  return known.find((k) => title.startsWith(k)) ?? (title.includes('(') ? 'backends' : 'other');
}

/**
 * CPU used so far by the PostgreSQL (postmaster, its children, and the children that ended: autovacuum
 * workers, closed connections) and Redis that `.ci/services.sh` started for this bench, found by their
 * ports; ms, PostgreSQL's also by kind of process.
 */
async function serverCpuMs(): Promise<{ postgres: number; redis: number; pgByKind: Map<string, number> }> {
  const pgPort = new URL(databaseUrl()).port;
  const redisPort = new URL(redisUrl()).port;
  const all = await processes();
  const postmaster = all.find((p) => p.name === 'postgres' && p.cmdline.includes(`-p ${pgPort} `));
  const redis = all.find((p) => p.name.startsWith('redis') && p.cmdline.includes(`:${redisPort}`));
  const pgByKind = new Map<string, number>();
  const add = (kind: string, value: number) => pgByKind.set(kind, (pgByKind.get(kind) ?? 0) + value);
  if (postmaster) {
    add('postmaster', await cpuMs(postmaster.pid).catch(() => 0));
    add('ended children', await childrenCpuMs(postmaster.pid).catch(() => 0));
    for (const p of all.filter((c) => c.ppid === postmaster.pid))
      add(pgKind(p.cmdline), await cpuMs(p.pid).catch(() => 0));
  }
  const postgres = [...pgByKind.values()].reduce((a, b) => a + b, 0);
  return { postgres, redis: redis ? await cpuMs(redis.pid).catch(() => 0) : 0, pgByKind };
}

/**
 * Statements PostgreSQL committed (pg_stat_database.xact_commit: each autocommit statement is one) and
 * commands Redis processed (INFO stats), so far: the round trips of a run, by difference.
 */
async function serverCounts(): Promise<{ statements: number; redisCommands: number }> {
  const pg = new pgClient({ connectionString: databaseUrl() });
  await pg.connect();
  try {
    await pg.query('select pg_stat_clear_snapshot()');
    const { rows } = await pg.query<{ n: string }>(
      'select xact_commit::text as n from pg_stat_database where datname = current_database()',
    );
    const redis = createClient(redisUrl());
    const info = await new Promise<string>((resolve, reject) =>
      redis.info('stats', (error, text) => (error ? reject(error) : resolve(String(text)))),
    );
    await new Promise((resolve) => redis.quit(resolve));
    const commands = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
    return { statements: Number(rows[0].n), redisCommands: commands };
  } finally {
    await pg.end();
  }
}

type ThreadTimes = Map<string, { user: number; system: number }>;

/**
 * Of the CPU a worker process used between two snapshots: its busiest threads besides the main one (the
 * engine threads; user and system time), its main thread (queue, database, storage calls), and the rest
 * (V8's helper threads: concurrent and parallel GC of every isolate, the engine threads' included; libuv's
 * pool: gzip, hashing, file I/O).
 */
function workerThreadsShare(pid: number, before: ThreadTimes, after: ThreadTimes, threads: number) {
  const used = [...after].map(([tid, t]) => {
    const b = before.get(tid) ?? { user: 0, system: 0 };
    return {
      tid,
      user: t.user - b.user,
      system: t.system - b.system,
      all: t.user + t.system - b.user - b.system,
    };
  });
  const main = used.find((u) => u.tid === String(pid));
  const others = used.filter((u) => u !== main).sort((a, b) => b.all - a.all);
  const engine = others.slice(0, threads);
  const sum = (xs: typeof used, f: (u: (typeof used)[number]) => number) => xs.reduce((a, u) => a + f(u), 0);
  return {
    engineUser: sum(engine, (u) => u.user),
    engineSystem: sum(engine, (u) => u.system),
    main: main?.all ?? 0,
    helpers: sum(others.slice(threads), (u) => u.all),
  };
}

async function production(
  embeddedEngineMs: number,
  ceiling: EngineCeiling | undefined,
  threadsPerWorker: number,
): Promise<void> {
  const schema = await createPgSchema();
  const s3 = await startS3();
  const dir = await tempDir('bench-production');
  const prefix = uniqueName('bench');
  const env = {
    DATABASE_URL: schema.url,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    ...s3.env,
    DATA_DIR: dir.path,
    WORKER_CONCURRENCY: String(threadsPerWorker),
    SYNC_WAIT_SECONDS: '120',
    RATE_LIMIT_PER_MINUTE: '0',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    ...(CHILD_NODE_OPTIONS ? { NODE_OPTIONS: CHILD_NODE_OPTIONS } : {}),
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
      `| … of it in the engine threads (run, strength, compact series, run data): user + system (ms) | ${ms1(engineUserMs + engineSystemMs)} = ${ms1(engineUserMs)} + ${ms1(engineSystemMs)} |`,
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

console.log(
  `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
/** `precipitate run SEED --out DIR`, each run a fresh process: wall time and peak RSS. */
async function cliRun(): Promise<void> {
  const dir = await tempDir('bench-cli');
  try {
    const request = join(dir.path, 'seed.json');
    await writeFile(request, JSON.stringify(EXAMPLE_REQUEST));
    const preload = new URL('./rss-on-exit.js', import.meta.url).href;
    const runs: { ms: number; rssMb: number }[] = [];
    for (let i = 0; i < CLI_RUNS; i++) {
      const started = performance.now();
      const { stderr } = await promisify(execFile)(process.execPath, [
        '--import',
        preload,
        CLI,
        'run',
        request,
        '--out',
        join(dir.path, `out-${i}`),
      ]);
      const ms = performance.now() - started;
      const line = stderr.trim().split('\n').at(-1) ?? '{}';
      runs.push({ ms, rssMb: (JSON.parse(line) as { max_rss_kb: number }).max_rss_kb / 1024 });
    }
    console.log(`## precipitate run SEED --out DIR: ${CLI_RUNS} fresh processes\n`);
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| wall time, median (ms) | ${ms(median(runs.map((r) => r.ms)))} |`);
    const walls = runs.map((r) => r.ms);
    console.log(`| wall time, range (ms) | ${ms(Math.min(...walls))}–${ms(Math.max(...walls))} |`);
    console.log(`| peak RSS, median (MB) | ${ms(median(runs.map((r) => r.rssMb)))} |`);
    console.log(`| bytes written | ${await bytesUnder(join(dir.path, 'out-0'))} |`);
    console.log('');
  } finally {
    await dir.remove();
  }
}

if (CLI_RUNS > 0) await cliRun();
const engineMs = await embedded();
// One engine thread per worker leaves a core idle while its worker stores a result; two keep both busy.
// Measured in this sitting, just before the stack: what two bare engines reach side by side.
const ceiling = !SKIP_PRODUCTION && CEILING_RUNS > 0 ? await measureEngineCeiling(CEILING_RUNS) : undefined;
if (ceiling) printEngineCeiling(ceiling, CEILING_RUNS);
if (!SKIP_PRODUCTION) for (const threads of THREADS) await production(engineMs, ceiling, threads);
