// Times making the result files of kawin's example 03 (25 h, JS solver): medians of 5 runs of each stage
// and of the whole writeResultFiles call (`precipitate run --out`). Run: npx tsc -p tsconfig.json &&
// node build/bench/render.js
import { mkdtemp, rm } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, sha256Hex } from '../src/engine/index.js';
import { createJsKernel } from '../src/kernel/js.js';
import {
  compactSeries,
  rawDataIndices,
  rawTable,
  renderCharts,
  resultsCsvPieces,
  resultsJsonPieces,
} from '../src/output/index.js';
import { svgToPng } from '../src/output/png.js';
import { writeResultFiles } from '../src/output/render-node.js';
import { runDataFile } from '../src/output/run-data.js';
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
const dir = await mkdtemp(join(tmpdir(), 'bench-render-'));
const writeAll = () => writeResultFiles(result, undefined, dir);
await writeAll(); // warm-up: JIT, font files into the page cache
const text = (pieces: Iterable<string>) => {
  let bytes = 0;
  for (const piece of pieces) bytes += piece.length;
  return bytes;
};
const thinned = () => rawTable(result, undefined, rawDataIndices(result));
const full = () => rawTable(result, undefined);
const rows: [string, [number, number]][] = [
  ['compact series (500 points)', await measure(() => compactSeries(result, 500))],
  [
    'run data (thinned, binary + gzip: what a worker stores)',
    await measure(() => runDataFile(result, undefined)),
  ],
  ['chart specs + 5 SVGs', await measure(() => renderCharts(result))],
  [
    'results.json + results.csv, thinned',
    await measure(() => text(resultsJsonPieces(thinned())) + text(resultsCsvPieces(thinned()))),
  ],
  [
    'results.json + results.csv, full series',
    await measure(() => text(resultsJsonPieces(full())) + text(resultsCsvPieces(full()))),
  ],
  [
    '5 PNGs (resvg + deflate, in parallel)',
    await measure(() => Promise.all(charts.map((c) => svgToPng(c.svg)))),
  ],
  ['all 12 files written (writeResultFiles)', await measure(writeAll)],
];
await rm(dir, { recursive: true, force: true });

const rawBytes = text(resultsJsonPieces(thinned())) + text(resultsCsvPieces(thinned()));
console.log(
  `Rendering kawin example 03: ${result.series.length} recorded rows, thinned raw data ${(rawBytes / 1e6).toFixed(1)} MB`,
);
console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; median of ${RUNS} runs`,
);
console.log('');
console.log('| stage | wall (ms) | CPU (ms) |');
console.log('| --- | ---: | ---: |');
for (const [stage, [wall, cpu]] of rows) console.log(`| ${stage} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |`);
