// The production engine thread's CPU per run (issue 17): `node build/bench/thread-stream.js [count] [first]`
// starts src/service/runner/engine-thread.js as the worker pool does (256 MB old generation, the default
// ENGINE_MEMORY_MB) and sends it the seed request with Mg nudged by first, first+1, … parts in 10⁴ (the
// production bench's distinct requests): 3 warm-up runs, then `count` timed ones, one after another. Each
// run is the whole of a service run's engine-thread work (kinetics, strength, summary, the rows, the run
// data file, the results text). Prints JSON: CPU per run of the engine thread, of this process's main
// thread (receiving the outcome) and of the rest (V8's helper threads: GC; libuv's pool: deflate), from
// /proc/self/task/*/schedstat (ns), and the median engine_ms. CPU time, unlike wall time, stays comparable while others load the
// machine: compare builds by alternating them. Not a test.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EXAMPLE_REQUEST, validateRequest } from '../src/request/index.js';
import type { FromThread, ThreadData } from '../src/service/runner/protocol.js';

const count = Number(process.argv[2] ?? 20);
const first = Number(process.argv[3] ?? 0);
const WARM_UP_RUNS = 3;

const body = (i: number) => ({
  ...EXAMPLE_REQUEST,
  composition: { ...EXAMPLE_REQUEST.composition, MG: EXAMPLE_REQUEST.composition.MG * (1 + i * 1e-4) },
});

/** CPU time of each thread of this process so far, ms, by thread id (schedstat: nanoseconds on a CPU). */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      continue; // the thread ended meanwhile
    }
  }
  return out;
}

const worker = new Worker(new URL('../src/service/runner/engine-thread.js', import.meta.url), {
  workerData: { kernel: 'wasm', maxSteps: 500_000 } satisfies ThreadData,
  resourceLimits: { maxOldGenerationSizeMb: 256 },
});
let waiting: ((engineMs: number) => void) | undefined;
let ready: () => void = () => {};
const started = new Promise<void>((resolve) => (ready = resolve));
worker.on('message', (message: FromThread) => {
  if (message.type === 'ready') ready();
  if (message.type !== 'outcome') return;
  const { outcome } = message;
  if (outcome.status !== 'completed') throw new Error(`run ${outcome.status}`);
  waiting?.(outcome.timing.engine_ms);
});
worker.on('error', (error) => {
  throw error;
});

function run(i: number): Promise<number> {
  const input = body(i);
  const checked = validateRequest(input);
  if (!checked.ok) throw new Error('seed request invalid');
  const done = new Promise<number>((resolve) => (waiting = resolve));
  worker.postMessage({ type: 'run', input, request: checked.request });
  return done;
}

await started;
for (let i = 0; i < WARM_UP_RUNS; i++) await run(first - 1 - i);
const before = threadCpuMs();
const engineMs: number[] = [];
for (let i = 0; i < count; i++) engineMs.push(await run(first + i));
const after = threadCpuMs();
await worker.terminate();

const used = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const);
const main = used.find(([tid]) => tid === String(process.pid))?.[1] ?? 0;
const others = used.filter(([tid]) => tid !== String(process.pid)).sort((a, b) => b[1] - a[1]);
if (process.env.THREADS)
  console.error(JSON.stringify(used.map(([tid, ms]) => [tid, +(ms / count).toFixed(2)])));
const engine = others[0]?.[1] ?? 0; // the engine thread: by far the busiest
const helpers = others.slice(1).reduce((sum, [, ms]) => sum + ms, 0);
const perRun = (ms: number) => +(ms / count).toFixed(1);
const sorted = [...engineMs].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    runs: count,
    cpuMsPerRun: {
      engineThread: perRun(engine),
      mainThread: perRun(main),
      helpers: perRun(helpers),
      all: perRun(engine + main + helpers),
    },
    engineMsMedian: sorted[sorted.length >> 1],
    load: +loadavg()[0].toFixed(2),
  }),
);
