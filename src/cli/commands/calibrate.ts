// `precipitate calibrate CAL.json`: fits a calibration document's parameters to its measurements on worker
// threads (all cores by default), then samples their posterior; the summary to stdout, files with --out.
import { parseArgs } from 'node:util';
import { calibrate } from '../../calibrate/calibrate.js';
import { checkCalibration } from '../../calibrate/document.js';
import { createCalibrationPool, poolRunner } from '../../calibrate/pool-runner.js';
import type { CalibrationResult } from '../../calibrate/summary.js';
import { defaultJobs } from '../../sweep/pool.js';
import { UsageError, usageFrom, type CliCommand } from '../command.js';
import { progressReporter } from './calibrate-progress.js';
import { readRequest } from './run.js';

const usage = `Usage: precipitate calibrate CAL.json [--json] [--out DIR] [--jobs N]

Fits the parameters of a calibration document ({"base", "experiments", "parameters", "method"}; see the
README's "Calibration") to its measurements, then samples their posterior ('-' reads standard input).
  --json           print the whole result ({"best", "posterior", "fit", "runs"}) as JSON
  --out DIR        write calibration.json and the figures (SVG and PNG) into DIR
  --jobs N         worker threads (default: all cores, ${defaultJobs()} here)
  --max-hours H    longest simulation_time_hours of an experiment (default 1000)`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        jobs: { type: 'string' },
        'max-hours': { type: 'string', default: '1000' },
      },
    });
  } catch (error) {
    throw usageFrom(error);
  }
}

const g4 = (v: number) => String(Number(v.toPrecision(4)));

function printSummary(r: CalibrationResult): void {
  console.log(
    'parameter'.padEnd(34) + 'best'.padStart(11) + 'median'.padStart(11) + '90 % interval'.padStart(26),
  );
  for (const [name, best] of Object.entries(r.best.values)) {
    const median = r.posterior?.median[name];
    const interval = r.posterior?.interval_90[name];
    console.log(
      name.padEnd(34) +
        g4(best).padStart(11) +
        (median === undefined ? '–' : g4(median)).padStart(11) +
        (interval ? `[${g4(interval[0])}, ${g4(interval[1])}]` : '–').padStart(26),
    );
  }
  for (const e of r.fit.per_experiment) {
    const rms = Object.entries(e.rms).map(([q, v]) => `${q} ${g4(v)}`);
    const peaks = [
      ...e.peaks.map(
        (p) =>
          `peak ${g4(p.model)} at ${g4(p.model_time_hours)} h (measured ${g4(p.measured)} at ${g4(p.measured_time_hours)} h)`,
      ),
      ...e.peak_times.map(
        (p) =>
          `time to peak ${g4(p.model_time_hours)} h${p.reached ? '' : ' (not reached)'} against ${g4(p.measured_time_hours)} h ×/÷ ${g4(p.sd_factor)}: residual ${g4(p.residual)}`,
      ),
    ];
    console.log(
      `${e.name}: rms ${rms.join(', ')}; χ² ${g4(e.chi_squared)}${peaks.length ? `; ${peaks.join('; ')}` : ''}`,
    );
  }
  const runs = r.runs;
  const acceptance = r.posterior
    ? `; sampler acceptance ${(100 * r.posterior.acceptance_fraction).toFixed(0)} %`
    : '';
  console.log(
    `${runs.total} runs (${runs.failed} failed) in ${runs.seconds.toFixed(1)} s, ${runs.runs_per_second.toFixed(1)} runs/s${acceptance}`,
  );
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (positionals.length !== 1) throw new UsageError('expected exactly one calibration file (or -)');
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number ≥ 1, got '${values.jobs}'`);
  const maxSimulationHours = Number(values['max-hours']);
  if (!(maxSimulationHours > 0))
    throw new UsageError(`--max-hours must be a number > 0, got '${values['max-hours']}'`);
  const doc = await readRequest(positionals[0], 'calibration');
  const checked = checkCalibration(doc, { maxSimulationHours });
  if (!checked.ok)
    throw new UsageError(
      `invalid calibration: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  const pool = createCalibrationPool({ jobs });
  const progress = progressReporter();
  let result: CalibrationResult;
  try {
    result = await calibrate(checked.plan, poolRunner(pool), { onProgress: progress.onProgress });
    progress.end();
  } finally {
    await pool.close();
  }
  if (values.json) console.log(JSON.stringify(result));
  else printSummary(result);
  if (values.out) {
    const { writeCalibrationOutputs } = await import('./calibrate-output.js'); // the renderer only when asked
    const paths = await writeCalibrationOutputs(result, values.out);
    (values.json ? console.error : console.log)(`wrote ${paths.length} files to ${values.out}`);
  }
  return 0;
}

export const command: CliCommand = {
  summary: 'fit model parameters to measurements, with uncertainty',
  usage,
  run,
};
