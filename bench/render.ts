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

async function medianMs(action: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const started = performance.now();
    await action();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const result = await exampleResult();
const charts = renderCharts(result);
const rows: [string, number][] = [
  ['compact series (500 points)', await medianMs(() => compactSeries(result, 500))],
  ['chart specs + 5 SVGs', await medianMs(() => renderCharts(result))],
  ['results.json + results.csv', await medianMs(() => rawDataResultFiles(result))],
  ['5 PNGs (resvg, in parallel)', await medianMs(() => Promise.all(charts.map((c) => svgToPng(c.svg))))],
  ['all 12 files (renderResultFiles)', await medianMs(() => renderResultFiles(result))],
];

const rawBytes = rawDataResultFiles(result).reduce((s, f) => s + f.bytes.length, 0);
console.log(
  `Rendering kawin example 03: ${result.series.length} recorded rows, raw data ${(rawBytes / 1e6).toFixed(1)} MB`,
);
console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; median of ${RUNS} runs`,
);
console.log('');
console.log('| stage | median (ms) |');
console.log('| --- | ---: |');
for (const [stage, ms] of rows) console.log(`| ${stage} | ${ms.toFixed(0)} |`);
