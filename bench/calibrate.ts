// A 5-parameter calibration on one experiment (examples/calibration/aa6063-175C-kawin.json: AA6063 at
// 175 °C, 18 yield strengths to 504 h) through the worker-thread pool, as `precipitate calibrate` runs it:
// wall time, engine runs, runs per second and how busy the threads were. Not a test: it prints a table.
// BENCH_REPS (default 1) repetitions; BENCH_EVALUATIONS, BENCH_STEPS override the document's method.
import { readFileSync } from 'node:fs';
import { calibrate } from '../src/calibrate/calibrate.js';
import { checkCalibration } from '../src/calibrate/document.js';
import { createCalibrationPool, poolRunner } from '../src/calibrate/pool-runner.js';
import { defaultJobs } from '../src/sweep/pool.js';

const doc = JSON.parse(readFileSync('examples/calibration/aa6063-175C-kawin.json', 'utf8'));
if (process.env.BENCH_EVALUATIONS) doc.method.max_evaluations = Number(process.env.BENCH_EVALUATIONS);
if (process.env.BENCH_STEPS) doc.method.steps = Number(process.env.BENCH_STEPS);
const checked = checkCalibration(doc, { maxSimulationHours: 1000 });
if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
const jobs = defaultJobs();
const reps = Number(process.env.BENCH_REPS ?? 1);

console.log(`| rep | wall (s) | runs | runs/s | engine s in all | threads busy | rms (MPa) |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (let rep = 1; rep <= reps; rep++) {
  const pool = createCalibrationPool({ jobs });
  const result = await calibrate(checked.plan, poolRunner(pool)).finally(() => pool.close());
  const r = result.runs;
  const busy = r.engine_seconds / (r.seconds * jobs);
  const rms = result.fit.rms.yield_strength_mpa;
  console.log(
    `| ${rep} | ${r.seconds.toFixed(1)} | ${r.total} | ${r.runs_per_second.toFixed(2)} | ${r.engine_seconds.toFixed(1)} | ${(100 * busy).toFixed(0)} % | ${rms.toFixed(1)} |`,
  );
}
console.log(
  `(${jobs} threads, ${checked.plan.parameters.length} parameters, method ${JSON.stringify(checked.plan.method)})`,
);
