// `node build/bench/sweep.js`: the issue's sweep — 30 isothermal temperatures 140–260 °C, 100 h each — as
// `precipitate sweep` (a fresh process, wall time from spawn to exit) against the sum of the single runs'
// engine times ÷ cores + 1 s, and its rows against single runs of the same requests, bit for bit. Single
// runs are timed both warm (one process, as a worker thread runs them) and as `precipitate run`s (a fresh
// process each, what their engine_ms says). BENCH_REPS sittings of the sweep (default 3), medians. Not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate, type Summary } from '../src/engine/index.js';
import { expandSweep } from '../src/request/sweep.js';
import { loadEngineDeps } from '../src/runtime/node.js';
import { sweepRow, type SweepRow } from '../src/sweep/row.js';
import type { SweepOutcome } from '../src/sweep/run-sweep.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/precipitate.js');
const REPS = Number(process.env.BENCH_REPS ?? 3);
const CORES = availableParallelism();

export const BENCH_SWEEP = {
  base: {
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
    simulation_time_hours: 100,
  },
  axes: [
    {
      name: 'temperature (°C)',
      path: '/isothermal_temperature_celsius',
      values: { from: 140, to: 260, count: 30 },
    },
  ],
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const same = (a: SweepRow, b: SweepRow) =>
  JSON.stringify({ ...a, engine_ms: 0 }) === JSON.stringify({ ...b, engine_ms: 0 });

function sweepOnce(file: string): { wallMs: number; outcome: SweepOutcome } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'sweep', file, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`precipitate sweep failed: ${run.stderr}`);
  return { wallMs, outcome: JSON.parse(run.stdout) as SweepOutcome };
}

async function main() {
  const expanded = expandSweep(BENCH_SWEEP, { maxSimulationHours: 1000 });
  if (!expanded.ok) throw new Error(JSON.stringify(expanded.issues));
  const runs = expanded.sweep.runs;
  const dir = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
  const file = join(dir, 'sweep.json');
  writeFileSync(file, JSON.stringify(BENCH_SWEEP));
  const load = loadavg()[0];

  // Warm single runs in this process (one kernel, as a worker thread); the rows to compare with.
  const deps = await loadEngineDeps('wasm');
  await simulate(runs[0].request, deps); // warm-up
  const singleRows: SweepRow[] = [];
  const warmSums: number[] = [];
  const sweepWalls: number[] = [];
  let equal = true;
  for (let rep = 0; rep < REPS; rep++) {
    let sum = 0;
    for (const run of runs) {
      const result = await simulate(run.request, deps);
      sum += result.timing.engine_ms;
      singleRows[run.index] = sweepRow(result, run.index, run.axisValues);
    }
    warmSums.push(sum);
    const { wallMs, outcome } = sweepOnce(file);
    sweepWalls.push(wallMs);
    equal &&= outcome.rows.length === runs.length && outcome.rows.every((r) => same(r, singleRows[r.index]));
  }

  // `precipitate run` of each request in a fresh process: its engine time and its summary.
  let coldSum = 0;
  let summariesEqual = true;
  for (const run of runs) {
    const req = join(dir, `run-${run.index}.json`);
    writeFileSync(req, JSON.stringify(run.request));
    const out = JSON.parse(
      execFileSync(process.execPath, [CLI, 'run', req, '--json'], { encoding: 'utf8' }),
    ) as {
      summary: Summary;
      timing: { engine_ms: number };
    };
    coldSum += out.timing.engine_ms;
    const row = singleRows[run.index];
    summariesEqual &&=
      out.summary.peak_yield_strength_mpa === row.peak_yield_strength_mpa &&
      out.summary.peak_yield_strength_time_hours === row.peak_time_hours &&
      out.summary.total_yield_strength_mpa === row.final_yield_strength_mpa;
  }

  const wall = median(sweepWalls);
  const warm = median(warmSums);
  const limitWarm = 1.2 * (warm / CORES) + 1000;
  const limitCold = 1.2 * (coldSum / CORES) + 1000;
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${load.toFixed(1)} at start`,
  );
  console.log(`| measure | ms |\n| --- | ---: |`);
  console.log(
    `| precipitate sweep, wall (median of ${REPS}: ${sweepWalls.map((m) => m.toFixed(0)).join(', ')}) | ${wall.toFixed(0)} |`,
  );
  console.log(`| sum of single runs' engine times, warm (median of ${REPS}) | ${warm.toFixed(0)} |`);
  console.log(`| sum of single runs' engine times, precipitate run each | ${coldSum.toFixed(0)} |`);
  console.log(`| limit 1.2 × warm sum ÷ ${CORES} + 1 s | ${limitWarm.toFixed(0)} |`);
  console.log(`| limit 1.2 × precipitate-run sum ÷ ${CORES} + 1 s | ${limitCold.toFixed(0)} |`);
  console.log(
    `sweep / warm limit: ${(wall / limitWarm).toFixed(3)}; sweep / precipitate-run limit: ${(wall / limitCold).toFixed(3)}`,
  );
  console.log(
    `rows equal single runs bit for bit: ${equal}; summaries equal precipitate run's: ${summariesEqual}`,
  );
}

await main();
