// The engine thread's work after a run (issue 17): strength, summary, the rows of the compact series and of
// the run data (chosen in one pass, as engine-thread.ts does), the compact series and the run data file,
// timed piece by piece on one finished run of the seed request (warm, medians of repeats):
// `node build/bench/post-process.js [repeats] [wasm|js] [seed_orowan|kawin]`. Not a test.
import { simulate } from '../src/engine/index.js';
import { computeStrength } from '../src/engine/strength.js';
import { summarize } from '../src/engine/summary.js';
import { clampPoints, compactRows } from '../src/output/compact.js';
import { runDataFile } from '../src/output/run-data.js';
import { runRows } from '../src/output/run-rows.js';
import { EXAMPLE_REQUEST, validateRequest } from '../src/request/index.js';
import { loadEngineDeps, type KernelName } from '../src/runtime/node.js';
import { loadavg } from 'node:os';

const repeats = Number(process.argv[2] ?? 15);
const kernel = (process.argv[3] ?? 'wasm') as KernelName;
const model = process.argv[4];
const checked = validateRequest(
  model ? { ...EXAMPLE_REQUEST, config: { strength: { model } } } : EXAMPLE_REQUEST,
);
if (!checked.ok) throw new Error('example request invalid');
const deps = await loadEngineDeps(kernel);
const result = await simulate(checked.request, deps);

const rows = runRows(result, clampPoints(checked.request.max_points));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const pieces: Record<string, () => unknown> = {
  strength: () => computeStrength(result.series, checked.request.config, deps.kernel.math),
  summary: () => summarize(result.series, result.strength),
  selection: () => runRows(result, clampPoints(checked.request.max_points)),
  compact: () => compactRows(result, rows.compact),
  runData: () => runDataFile(result, EXAMPLE_REQUEST, rows.raw),
};
const ms: Record<string, number[]> = Object.fromEntries(Object.keys(pieces).map((k) => [k, []]));
for (let i = 0; i < repeats; i++) {
  for (const [name, piece] of Object.entries(pieces)) {
    const started = performance.now();
    await piece();
    ms[name].push(performance.now() - started);
  }
}
const medians = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, +median(v).toFixed(2)]));
const total = Object.values(medians).reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    kernel,
    model: model ?? 'none',
    rows: result.series.length,
    ...medians,
    total: +total.toFixed(2),
    load: loadavg()[0],
  }),
);
