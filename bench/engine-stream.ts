// A bare engine stream (issue 17's throughput ceiling): `node build/bench/engine-stream.js FIRST COUNT`
// runs the seed request with Mg nudged by FIRST, FIRST+1, … parts in 10⁴ (the production bench's
// distinct requests), 3 warm-up runs and then COUNT timed ones, one after another in this process, and
// prints {engineMs: [...], simulateMs: [...], wallMs, cpuMs} as JSON: the engine time of each run
// (`timing.engine_ms`: kinetics, strength and summary), the wall time of its whole simulate() call,
// the stream's wall time and this process's CPU time. bench/service.ts runs one alone, then two side by side.
import { simulate } from '../src/engine/index.js';
import { EXAMPLE_REQUEST, validateRequest } from '../src/request/index.js';
import { loadEngineDeps } from '../src/runtime/node.js';

const first = Number(process.argv[2] ?? 0);
const count = Number(process.argv[3] ?? 20);
const WARM_UP_RUNS = 3;

const request = (i: number) => {
  const checked = validateRequest({
    ...EXAMPLE_REQUEST,
    composition: { ...EXAMPLE_REQUEST.composition, MG: EXAMPLE_REQUEST.composition.MG * (1 + i * 1e-4) },
  });
  if (!checked.ok) throw new Error('seed request invalid');
  return checked.request;
};

const deps = await loadEngineDeps('wasm');
for (let i = 0; i < WARM_UP_RUNS; i++) await simulate(request(first - 1 - i), deps);
const engineMs: number[] = [];
const simulateMs: number[] = [];
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < count; i++) {
  const checked = request(first + i);
  const simulateStarted = performance.now();
  const result = await simulate(checked, deps);
  simulateMs.push(performance.now() - simulateStarted);
  engineMs.push(result.timing.engine_ms);
}
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ engineMs, simulateMs, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
