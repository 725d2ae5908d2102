// Times rendering the result files of kawin's example 03 (25 h, JS solver): medians of 5 runs of each
// stage and of the whole renderResultFiles call. Run: npx tsc -p tsconfig.json && node build/bench/render.js
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { simulate, sha256Hex } from '../src/engine/index.js';
import { createJsKernel } from '../src/kernel/js.js';
import { compactSeries, rawDataResultFiles, renderCharts } from '../src/output/index.js';
import { svgToPng } from '../src/output/png.js';
import { renderResultFiles } from '../src/output/render-node.js';
import { KAWIN_EXAMPLE_03, validateRequest } from '../src/request/index.js';
import { createThermo } from '../src/thermo/index.js';

const RUNS = 5;

async function exampleResult() {
  const tdb = await readFile(new URL('../../data/AlMgSi.tdb', import.meta.url), 'utf8');
  const validation = validateRequest(KAWIN_EXAMPLE_03);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  const deps = { thermo: createThermo(tdb), kernel: createJsKernel(), databaseSha256: await sha256Hex(tdb) };
  return simulate(validation.request, deps);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median wall time and CPU time (all threads: resvg and zlib run on the thread pool), ms. */
async function measure(action: () => unknown): Promise<[number, number]> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await action();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return [median(wall), median(cpu)];
}

const result = await exampleResult();
const charts = renderCharts(result);
await renderResultFiles(result); // warm-up: JIT, font files into the page cache
const rows: [string, [number, number]][] = [
  ['compact series (500 points)', await measure(() => compactSeries(result, 500))],
  ['chart specs + 5 SVGs', await measure(() => renderCharts(result))],
  ['results.json + results.csv', await measure(() => rawDataResultFiles(result))],
  [
    '5 PNGs (resvg + deflate, in parallel)',
    await measure(() => Promise.all(charts.map((c) => svgToPng(c.svg)))),
  ],
  ['all 12 files (renderResultFiles)', await measure(() => renderResultFiles(result))],
];

const rawBytes = rawDataResultFiles(result).reduce((s, f) => s + f.bytes.length, 0);
console.log(
  `Rendering kawin example 03: ${result.series.length} recorded rows, raw data ${(rawBytes / 1e6).toFixed(1)} MB`,
);
console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; median of ${RUNS} runs`,
);
console.log('');
console.log('| stage | wall (ms) | CPU (ms) |');
console.log('| --- | ---: | ---: |');
for (const [stage, [wall, cpu]] of rows) console.log(`| ${stage} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |`);
