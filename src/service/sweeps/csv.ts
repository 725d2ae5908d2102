// A sweep's table as CSV: one line per run in index order, a column per axis (named as the axis), the
// metrics, three columns per phase, and the error of a failed run. Numbers are written in full (the
// shortest text that reads back as the same double).
import type { SweepRow as SweepRecord, SweepRunRow } from '../db/sweep-rows.js';
import type { SweepMetrics } from './rows.js';

const METRICS = [
  'peak_yield_strength_mpa',
  'peak_time_hours',
  'time_to_90_percent_peak_hours',
  'peak_at_end',
  'final_yield_strength_mpa',
  'final_hardness_hv',
] as const;
const PHASE_FIELDS = ['number_density_per_m3', 'mean_radius_nm', 'volume_fraction'] as const;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function sweepCsv(sweep: SweepRecord, runs: SweepRunRow[]): string {
  const phaseNames = [
    ...new Set(runs.flatMap((r) => ((r.metrics as SweepMetrics | null)?.phases ?? []).map((p) => p.name))),
  ];
  const header = [
    'index',
    ...sweep.axes.map((a) => a.name),
    ...METRICS,
    ...phaseNames.flatMap((p) => PHASE_FIELDS.map((f) => `${p}_${f}`)),
    'steps',
    'status',
    'error',
  ];
  const lines = runs.map((run) => {
    const m = run.metrics as SweepMetrics | null;
    const phase = (name: string) => m?.phases.find((p) => p.name === name);
    return [
      run.run_index,
      ...(run.axis_values as number[]),
      ...METRICS.map((k) => m?.[k]),
      ...phaseNames.flatMap((p) => PHASE_FIELDS.map((f) => phase(p)?.[f])),
      m?.steps,
      run.status,
      run.error_message,
    ]
      .map(cell)
      .join(',');
  });
  return `${[header.map(cell).join(','), ...lines].join('\n')}\n`;
}
