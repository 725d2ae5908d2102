// Axes of tiny, huge and degenerate ranges: finite, ordered, a bounded number of ticks, labelled. Each
// case runs in a worker thread with a small heap, so that an axis whose tick loop never ends (a zero or
// infinite step) fails the test by running out of that heap instead of hanging the test process.
import { Worker } from 'node:worker_threads';
import test from 'ava';
import type { Axis } from '../../src/output/scales.js';

const SCALES_URL = new URL('../../src/output/scales.js', import.meta.url).href;
const RENDER_URL = new URL('../../src/output/render-node.js', import.meta.url).href;
const ENGINE_URL = new URL('../../src/engine/index.js', import.meta.url).href;
const REQUEST_URL = new URL('../../src/request/index.js', import.meta.url).href;
const RUNTIME_URL = new URL('../../src/runtime/node.js', import.meta.url).href;

/** Evaluates `body` (an async function body that sees the modules above) in a worker with `heapMb` of heap. */
function inWorker<T>(body: string, heapMb = 64): Promise<T> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    (async () => {
      const scales = await import(${JSON.stringify(SCALES_URL)});
      const render = await import(${JSON.stringify(RENDER_URL)});
      const engine = await import(${JSON.stringify(ENGINE_URL)});
      const request = await import(${JSON.stringify(REQUEST_URL)});
      const runtime = await import(${JSON.stringify(RUNTIME_URL)});
      ${body}
    })().then((value) => parentPort.postMessage(value));`;
  const worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  return new Promise((resolve, reject) => {
    worker.once('message', (value: T) => {
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function assertSensible(t: import('ava').ExecutionContext, axis: Axis, what: string): void {
  t.true(Number.isFinite(axis.min) && Number.isFinite(axis.max), `${what}: finite ends`);
  t.true(axis.min < axis.max, `${what}: min ${axis.min} < max ${axis.max}`);
  if (axis.scale === 'log') t.true(axis.min > 0, `${what}: a log axis starts above zero`);
  t.true(axis.ticks.length >= 2 && axis.ticks.length <= 1000, `${what}: ${axis.ticks.length} ticks`);
  const span = axis.max - axis.min;
  for (const [i, tick] of axis.ticks.entries()) {
    t.true(Number.isFinite(tick.value), `${what}: tick ${i} finite`);
    t.true(
      tick.value >= axis.min - 1e-6 * span && tick.value <= axis.max + 1e-6 * span,
      `${what}: tick ${i}`,
    );
    if (i > 0) t.true(tick.value > axis.ticks[i - 1].value, `${what}: ticks ascend at ${i}`);
  }
  const labels = axis.ticks.map((k) => k.label).filter((l) => l !== '');
  t.true(labels.length >= 2, `${what}: at least two labels (${labels.join(' ')})`);
  t.is(new Set(labels).size, labels.length, `${what}: labels differ (${labels.join(' ')})`);
}

const CASES: [string, string][] = [
  ['time axis of a 5e-324 h run', `scales.logRangeAxis('t', 5e-325, 5e-324)`],
  ['time axis from zero', `scales.logRangeAxis('t', 0, 2)`],
  ['time axis with min above max', `scales.logRangeAxis('t', 3, 2)`],
  ['time axis of 600 decades', `scales.logRangeAxis('t', 1e-300, 1e300)`],
  ['time axis with an infinite end', `scales.logRangeAxis('t', 1, Infinity)`],
  ['time axis narrower than a round step', `scales.logRangeAxis('t', 1, 1 + 1e-12)`],
  ['log axis of denormal data', `scales.logAxis('n', [[5e-324, 1e-320]])`],
  ['log axis of data near the largest double', `scales.logAxis('n', [[1e307, 1.7e308]])`],
  ['linear axis of denormal data', `scales.linearAxis('y', [[5e-324]])`],
  ['linear axis of ±1.7e308', `scales.linearAxis('y', [[-1.7e308, 1.7e308]])`],
  ['linear axis of constant data', `scales.linearAxis('y', [[1e20, 1e20]])`],
  ['linear axis of negative data one ulp apart', `scales.linearAxis('y', [[-1 - 2.3e-16, -1]])`],
  ['linear axis of data one ulp apart', `scales.linearAxis('y', [[1e6, 1e6 + 1.2e-10]])`],
];

for (const [what, call] of CASES) {
  test(`a sensible axis: ${what}`, async (t) => {
    assertSensible(t, await inWorker<Axis>(`return ${call};`), what);
  });
}

test('a minor log tick outside plain magnitudes keeps its mantissa', async (t) => {
  const axis = await inWorker<Axis>(`return scales.logRangeAxis('t', 1e-5, 1e-4);`);
  t.deepEqual(
    axis.ticks.filter((k) => k.label !== '').map((k) => k.label),
    ['10⁻⁵', '2×10⁻⁵', '5×10⁻⁵', '10⁻⁴'],
  );
});

test('simulation_time_hours: 5e-324 runs and renders every result file with sensible time axes', async (t) => {
  const names = await inWorker<string[]>(
    `const checked = request.validateRequest({
       composition: { MG: 0.0072, SI: 0.0057 },
       temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
       simulation_time_hours: 5e-324,
     });
     const deps = await runtime.loadEngineDeps('js');
     const result = await engine.simulate(checked.request, deps);
     const { mkdtemp, readdir, rm } = await import('node:fs/promises');
     const { tmpdir } = await import('node:os');
     const { join } = await import('node:path');
     const dir = await mkdtemp(join(tmpdir(), 'scales-'));
     try {
       await render.writeResultFiles(result, {}, dir);
       return await readdir(dir);
     } finally {
       await rm(dir, { recursive: true, force: true });
     }`,
    512,
  );
  t.true(names.includes('precipitation.png') && names.includes('results.csv'), names.join(' '));
});
