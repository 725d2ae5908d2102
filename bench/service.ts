// `npm run bench:service`: the service at engine speed. (1) The embedded service in this process (SQLite,
// in-process queue, local files): N distinct synchronous POSTs of the seed request (composition nudged so
// that nothing is cached), one after another: engine time, end-to-end latency, their ratio, bytes stored
// per run, a cached answer's bytes, the files made on request, peak RSS. (2) The production stack: API and
// two worker processes, Redis and PostgreSQL (the throwaway ones `.ci/services.sh` starts for it),
// s3rver: throughput of a stream of distinct requests against 2 ÷ engine time. (3) `precipitate
// run --out` of the seed request in fresh processes: wall time and peak RSS. Not a test. BENCH_RUNS,
// BENCH_STREAM, BENCH_CLI_RUNS change the counts; BENCH_PRODUCTION=0 skips the production stack.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.js';
import { EXAMPLE_REQUEST } from '../src/request/index.js';
import { silentLogger } from '../src/service/log.js';
import { startServer } from '../src/service/server.js';
import { client } from '../tools/harness/http.js';
import { CLI } from '../tools/harness/paths.js';
import { bytesUnder, tempDir } from '../tools/harness/services.js';
import { measureEngineCeiling, printEngineCeiling } from './engine-ceiling.js';
import { post, seed, type Job } from './load-client.js';
import { median, ms, quantile } from './numbers.js';
import { production } from './production.js';

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

/** Downloads of a job (all, or `keys`; gzip accepted), each fetched `times` times; median ms per key. */
async function downloadAll(job: Job, times: number, keys?: string[]): Promise<Record<string, number>> {
  const fetchMs: Record<string, number> = {};
  for (const [key, url] of Object.entries(job.results.files)) {
    if (keys && !keys.includes(key)) continue;
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
    let lastJob: Job | undefined;
    for (let i = 0; i < N; i++) {
      const { job, ms: elapsed } = await post(api, seed(i));
      runs.push({ ms: elapsed, engineMs: job.results.timing.engine_ms });
      lastJob = job;
    }
    const perRun = ((await bytesUnder(files)) - before) / N;
    // The first download of a job has the worker run its request again to make its run data.
    const unmade = await bytesUnder(files);
    const firstFetchMs = (await downloadAll(lastJob as Job, 1, ['raw_csv'])).raw_csv;
    const madeBytes = (await bytesUnder(files)) - unmade;
    const storedBefore = await bytesUnder(files);
    const cached = await post(api, seed(0));
    const cachedBytes = (await bytesUnder(files)) - storedBefore;
    const fetchMs = await downloadAll(cached.job, 3); // from the run data: median of 3 fetches each
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
    console.log(`| bytes stored per run at completion (files) | ${Math.round(perRun)} |`);
    console.log(
      `| first download of a run (its run data made: the request run again) (ms) | ${ms(firstFetchMs)} |`,
    );
    console.log(`| bytes stored by that first download (the run data) | ${madeBytes} |`);
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
const options = { stream: STREAM, childNodeOptions: CHILD_NODE_OPTIONS };
if (!SKIP_PRODUCTION) for (const threads of THREADS) await production(engineMs, ceiling, threads, options);
