// What the API answers about a sweep: its state and progress with the table so far, and its results (JSON
// with each run's curves, or CSV: one line per run).
import type { SweepRow as SweepRecord, SweepRunRow } from '../db/sweep-rows.js';
import type { RunCounts } from '../db/sweeps.js';
import { API_PREFIX } from '../api/views.js';
import { joinRow } from './rows.js';

export const sweepPath = (id: string) => `${API_PREFIX}/sweeps/${id}`;

function progress(sweep: SweepRecord, counts: RunCounts) {
  const done = counts.completed + counts.failed;
  return {
    runs_done: done,
    runs_total: sweep.total_runs,
    runs_failed: counts.failed,
    runs_cancelled: counts.cancelled,
    fraction: sweep.total_runs === 0 ? 1 : done / sweep.total_runs,
  };
}

/** A finished run's row; a failed run's index, axis values and error. */
const tableRow = (run: SweepRunRow) =>
  run.status === 'completed'
    ? joinRow(run)
    : { index: run.run_index, axis_values: run.axis_values, error: run.error_message };

export function sweepView(sweep: SweepRecord, runs: SweepRunRow[], counts: RunCounts, baseUrl: string) {
  return {
    id: sweep.id,
    status: sweep.status,
    axes: sweep.axes.map((a) => ({ name: a.name, values: a.values })),
    progress: progress(sweep, counts),
    created_at: sweep.created_at,
    completed_at: sweep.completed_at,
    ...(sweep.status === 'failed' && sweep.error_message !== null && { error: sweep.error_message }),
    table: runs.filter((r) => r.status === 'completed' || r.status === 'failed').map(tableRow),
    links: { self: `${baseUrl}${sweepPath(sweep.id)}`, results: `${baseUrl}${sweepPath(sweep.id)}/results` },
  };
}

export function sweepResults(sweep: SweepRecord, runs: SweepRunRow[]) {
  return {
    id: sweep.id,
    status: sweep.status,
    axes: sweep.axes.map((a) => a.name),
    rows: runs.filter((r) => r.status === 'completed').map(joinRow),
    failed: runs.filter((r) => r.status === 'failed').map(tableRow),
  };
}
