// A sweep row (src/sweep/row.ts) as the database keeps it: the run's metrics and its curves in two
// columns, the index and axis values on the run's own row (so that a cached run serves any sweep that
// asks for the same request), and put back together for the API.
import type { SweepRunRow } from '../db/sweep-rows.js';
import type { SweepRow } from '../../sweep/row.js';

export type SweepMetrics = Omit<SweepRow, 'index' | 'axis_values' | 'curves'>;

export function splitRow(row: unknown): { metrics: SweepMetrics; curves: SweepRow['curves'] } {
  const { index: _index, axis_values: _axes, curves, ...metrics } = row as SweepRow;
  return { metrics, curves };
}

/** The run's sweep row (curves when they were read), as the CLI and the page give it. */
export function joinRow(run: SweepRunRow): SweepRow | Omit<SweepRow, 'curves'> {
  const metrics = run.metrics as SweepMetrics;
  const row = { index: run.run_index, axis_values: run.axis_values as number[], ...metrics };
  return run.curves ? { ...row, curves: run.curves as SweepRow['curves'] } : row;
}
