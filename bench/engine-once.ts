// Timed engine runs of kawin's example 03, printed as JSON:
// `node build/bench/engine-once.js wasm|js [repeats] [seed_orowan|kawin]` (the strength model; default none given).
// Like a service thread, one process reuses its thermodynamics and kernel for every run.
import { simulate } from '../src/engine/index.js';
import { KAWIN_EXAMPLE_03, validateRequest } from '../src/request/index.js';
import { loadEngineDeps, type KernelName } from '../src/runtime/node.js';

const kernel = (process.argv[2] ?? 'wasm') as KernelName;
const repeats = Number(process.argv[3] ?? 1);
const strengthModel = process.argv[4];
const checked = validateRequest(
  strengthModel ? { ...KAWIN_EXAMPLE_03, config: { strength: { model: strengthModel } } } : KAWIN_EXAMPLE_03,
);
if (!checked.ok) throw new Error('example request invalid');

const times: number[] = [];
/** The process's CPU time (user + system, all threads) per run: less sensitive to a busy host than wall time. */
const cpuTimes: number[] = [];
let steps = 0;
const deps = await loadEngineDeps(kernel);
for (let i = 0; i < repeats; i++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await simulate(checked.request, deps);
  const used = process.cpuUsage(cpu);
  times.push(performance.now() - started);
  cpuTimes.push((used.user + used.system) / 1000);
  steps = result.steps;
}
console.log(JSON.stringify({ kernel, steps, msEach: times, cpuMsEach: cpuTimes }));
