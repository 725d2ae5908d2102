// `precipitate sweep SWEEP.json`: every run of a sweep document on worker threads (all cores by default),
// the table of metrics to stdout, and with --out the table as CSV and JSON and the figures.
import { parseArgs } from 'node:util';
import { expandSweep } from '../../request/sweep.js';
import { createRunPool, defaultJobs } from '../../sweep/pool.js';
import { runSweep, type SweepOutcome } from '../../sweep/run-sweep.js';
import { UsageError, usageFrom, type CliCommand } from '../command.js';
import { readRequest } from './run.js';
import { progressReporter } from './sweep-progress.js';

const usage = `Usage: precipitate sweep SWEEP.json [--json] [--out DIR] [--jobs N] [--metric NAME]

Runs every request of a sweep document ('-' reads standard input) ({"base", "axes", "combine"}; see the README's "Sweeps and maps").
  --json           print {"axes", "rows", "failures", "reuse", "timing"} as JSON
  --out DIR        write sweep.csv, sweep.json and the figures (SVG and PNG) into DIR
  --jobs N         worker threads (default: all cores, ${defaultJobs()} here)
  --metric NAME    the metric of two-axis heatmaps (default peak_yield_strength_mpa)
  --max-runs N     runs one sweep may have (default 1000)
  --max-hours H    longest simulation_time_hours of a run (default 1000)
  --no-share       run every request from t = 0 (no sharing of early schedules)`;

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
        metric: { type: 'string', default: 'peak_yield_strength_mpa' },
        'max-runs': { type: 'string', default: '1000' },
        'max-hours': { type: 'string', default: '1000' },
        'no-share': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw usageFrom(error);
  }
}

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a whole number ≥ 1, got '${text}'`);
  return n;
}

function printTable(outcome: SweepOutcome): void {
  const names = outcome.axes.map((a) => a.name);
  console.log([...names, 'peak σy (MPa)', 'peak at (h)', 't90 (h)', 'final σy (MPa)', 'steps'].join('\t'));
  for (const r of outcome.rows) {
    console.log(
      [
        ...r.axis_values.map((v) => String(Number(v.toPrecision(6)))),
        r.peak_yield_strength_mpa.toFixed(1),
        `${r.peak_time_hours.toPrecision(3)}${r.peak_at_end ? ' (end)' : ''}`,
        r.time_to_90_percent_peak_hours.toPrecision(3),
        r.final_yield_strength_mpa.toFixed(1),
        r.steps,
      ].join('\t'),
    );
  }
  for (const f of outcome.failures)
    console.log(`run ${f.index} (${f.axis_values.join(', ')}) failed: ${f.message}`);
  console.log(summaryLine(outcome));
}

export function summaryLine(o: SweepOutcome): string {
  const t = o.timing;
  const saved =
    o.reuse.resumed_runs > 0
      ? `; ${o.reuse.resumed_runs} runs started from a shared earlier schedule, saving ${o.reuse.saved_steps} of ${o.reuse.total_steps} steps (${(100 * o.reuse.saved_fraction).toFixed(1)} %, ${o.reuse.saved_hours.toPrecision(4)} simulated h)`
      : '';
  return (
    `${o.rows.length} runs in ${(t.wall_ms / 1000).toFixed(2)} s on ${t.jobs} threads ` +
    `(engine time ${(t.engine_ms_sum / 1000).toFixed(2)} s in all)${saved}`
  );
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (positionals.length !== 1) throw new UsageError('expected exactly one sweep file');
  const jobs = values.jobs === undefined ? defaultJobs() : positiveInteger('jobs', values.jobs);
  const maxRuns = positiveInteger('max-runs', values['max-runs']);
  const maxSimulationHours = Number(values['max-hours']);
  if (!(maxSimulationHours > 0))
    throw new UsageError(`--max-hours must be a number > 0, got '${values['max-hours']}'`);
  const { metricNames } = await import('../../output/sweep-figures.js');
  if (!metricNames().includes(values.metric))
    throw new UsageError(`--metric must be one of ${metricNames().join(', ')}, got '${values.metric}'`);
  const doc = await readRequest(positionals[0], 'sweep');
  // The threads load the engine while this thread compiles the schema and expands the sweep.
  const pool = createRunPool({ jobs });
  const progress = progressReporter();
  let outcome: SweepOutcome;
  try {
    const expanded = expandSweep(doc, { maxRuns, maxSimulationHours });
    if (!expanded.ok)
      throw new UsageError(
        `invalid sweep: ${expanded.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      );
    outcome = await runSweep(expanded.sweep, pool, {
      onProgress: progress.onProgress,
      share: !values['no-share'],
    });
    progress.end();
  } finally {
    await pool.close();
  }
  if (values.json) console.log(JSON.stringify(outcome));
  else printTable(outcome);
  if (values.out) {
    const { writeSweepOutputs } = await import('./sweep-output.js'); // the renderer only when asked
    const paths = await writeSweepOutputs(outcome, values.out, values.metric);
    (values.json ? console.error : console.log)(`wrote ${paths.length} files to ${values.out}`);
  }
  return outcome.failures.length > 0 ? 1 : 0;
}

export const command: CliCommand = {
  summary: 'run a sweep of simulations (maps, tables, figures)',
  usage,
  run,
};
