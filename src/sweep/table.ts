// A sweep's table: one line per run with the axis values and the metrics (phases as columns), as CSV;
// the JSON form is the rows themselves. Isomorphic (the service and the page write the same table).
import type { SweepRow } from './row.js';

/** Metric columns of the table, in order, with how each is read from a row. */
export const METRIC_COLUMNS: { name: string; of: (row: SweepRow) => number | null | boolean }[] = [
  { name: 'peak_yield_strength_mpa', of: (r) => r.peak_yield_strength_mpa },
  { name: 'peak_time_hours', of: (r) => r.peak_time_hours },
  { name: 'peak_at_end', of: (r) => r.peak_at_end },
  { name: 'time_to_90_percent_peak_hours', of: (r) => r.time_to_90_percent_peak_hours },
  { name: 'final_yield_strength_mpa', of: (r) => r.final_yield_strength_mpa },
  { name: 'final_hardness_hv', of: (r) => r.final_hardness_hv },
  { name: 'steps', of: (r) => r.steps },
];

const PHASE_COLUMNS = ['number_density_per_m3', 'mean_radius_nm', 'volume_fraction'] as const;

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The table as CSV: full precision (shortest round-trip decimal), empty for null. */
export function sweepCsv(axisNames: string[], rows: SweepRow[]): string {
  const phases = rows[0]?.phases.map((p) => p.name) ?? [];
  const header = [
    'run',
    ...axisNames,
    ...METRIC_COLUMNS.map((c) => c.name),
    ...phases.flatMap((p) => PHASE_COLUMNS.map((q) => `${p}_final_${q}`)),
  ];
  const lines = rows.map((r) =>
    [
      r.index,
      ...r.axis_values,
      ...METRIC_COLUMNS.map((c) => c.of(r)),
      ...r.phases.flatMap((p) => PHASE_COLUMNS.map((q) => p[q])),
    ]
      .map((v) => (v === null ? '' : String(v)))
      .join(','),
  );
  return [header.map(csvField).join(','), ...lines].join('\n') + '\n';
}
