// The figures of a sweep, drawn from its rows alone (no re-running): for a temperature axis the ageing
// curves overlaid and the time-temperature map (strength over log time × temperature, iso-strength
// contours, the peak-time line); for two grid axes a heatmap of a chosen metric; for one axis the metrics
// against it. Isomorphic (SVG strings).
import type { SweepRow } from '../sweep/row.js';
import type { SweepOutcome } from '../sweep/run-sweep.js';
import { METRIC_COLUMNS } from '../sweep/table.js';
import type { ChartSpec, SeriesSpec } from './chart-types.js';
import { linearAxis, logAxis, logRangeAxis } from './scales.js';
import { colorAt, niceLevels, renderHeatmapSvg, spanAxis } from './sweep-map.js';
import { renderSvg } from './svg.js';

export interface SweepFigure {
  file: string;
  svg: string;
}

const TIME_POINTS = 160;

/** Metrics a heatmap or a metric-against-axis figure can show. */
export function metricNames(): string[] {
  return METRIC_COLUMNS.filter((c) => c.name !== 'peak_at_end').map((c) => c.name);
}

const metricOf = (name: string) => METRIC_COLUMNS.find((c) => c.name === name)!;
const metricValue = (row: SweepRow, name: string): number | null => {
  const v = metricOf(name).of(row);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Whether every pointer of an axis sets a profile temperature. */
export function isTemperatureAxis(axis: SweepOutcome['axes'][number]): boolean {
  return axis.pointers.every((p) => p.startsWith('/temperature_profile/temperatures_celsius/'));
}

/** A curve's value at `timeH`, linear in log time between its points (null outside them). */
export function curveAt(times: number[], values: number[], timeH: number): number | null {
  if (!(timeH >= times[0] && timeH <= times[times.length - 1])) return null;
  let k = 1;
  while (k < times.length - 1 && times[k] < timeH) k++;
  const t0 = times[k - 1];
  const t1 = times[k];
  if (t1 === t0) return values[k];
  const f = t0 > 0 ? Math.log(timeH / t0) / Math.log(t1 / t0) : (timeH - t0) / (t1 - t0);
  return values[k - 1] + (values[k] - values[k - 1]) * f;
}

/** Log-spaced times over the rows' curves: from the latest first step to the longest run. */
function timeGrid(rows: SweepRow[]): number[] {
  const last = Math.max(...rows.map((r) => r.curves.time_hours[r.curves.time_hours.length - 1]));
  // Three decades before the end: nothing a map shows happens in the first seconds.
  const first = Math.max(...rows.map((r) => r.curves.time_hours.find((t) => t > 0) ?? 1e-3), last / 1000);
  const n = TIME_POINTS;
  return Array.from({ length: n }, (_, k) => first * Math.pow(last / first, k / (n - 1)));
}

function curvesFigure(rows: SweepRow[], axisName: string, axis: number): SweepFigure {
  const times = timeGrid(rows);
  const values = rows.map((r) => r.axis_values[axis]);
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || 1;
  const series: SeriesSpec[] = rows.map((r) => ({
    id: `run-${r.index}`,
    label: `${r.axis_values[axis]}`,
    color: colorAt(((r.axis_values[axis] - lo) / span) * 0.9),
    widthPx: 2.5,
    y: times.map((t) => curveAt(r.curves.time_hours, r.curves.yield_strength_mpa, t)),
  }));
  const pick = [...new Set([0, Math.floor(rows.length / 2), rows.length - 1])].map((k) => series[k]);
  const spec: ChartSpec = {
    name: 'yield_strength',
    file: 'sweep-ageing-curves',
    title: 'Ageing curves',
    subtitle: `${rows.length} runs, coloured by ${axisName} (dark: low, light: high)`,
    widthPx: 1600,
    heightPx: 1000,
    columns: 1,
    timeHours: times,
    panels: [
      {
        title: '',
        x: logRangeAxis('ageing time (h)', times[0], times[times.length - 1]),
        y: linearAxis(
          'yield strength (MPa)',
          series.map((s) => s.y),
        ),
        series,
      },
    ],
    legend: pick.map((s) => ({
      label: `${axisName} = ${Number(Number(s.label).toPrecision(4))}`,
      color: s.color,
    })),
  };
  return { file: spec.file, svg: renderSvg(spec) };
}

function ttpMap(rows: SweepRow[], axisName: string, axis: number): SweepFigure {
  const sorted = [...rows].sort((a, b) => a.axis_values[axis] - b.axis_values[axis]);
  const times = timeGrid(sorted);
  const values = sorted.map((r) =>
    times.map((t) => curveAt(r.curves.time_hours, r.curves.yield_strength_mpa, t)),
  );
  const finite = values.flat().filter((v): v is number => v !== null);
  const temps = sorted.map((r) => r.axis_values[axis]);
  return {
    file: 'sweep-time-temperature-map',
    svg: renderHeatmapSvg({
      file: 'sweep-time-temperature-map',
      title: 'Time-temperature-strength map',
      subtitle: `yield strength over ageing time and ${axisName}; white: iso-strength contours (MPa)`,
      x: logRangeAxis('ageing time (h)', times[0], times[times.length - 1]),
      y: spanAxis(axisName, Math.min(...temps), Math.max(...temps), 'linear'),
      xCenters: times,
      yCenters: temps,
      values,
      colorLabel: 'yield strength (MPa)',
      contours: niceLevels(Math.min(...finite), Math.max(...finite), 8),
      lines: [
        {
          label: 'peak strength time',
          color: '#e41a1c',
          points: sorted.map((r) => [r.peak_time_hours, r.axis_values[axis]]),
        },
      ],
    }),
  };
}

const scaleOf = (values: number[]): 'linear' | 'log' =>
  values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 20 ? 'log' : 'linear';

function heatmap(outcome: SweepOutcome, metric: string): SweepFigure {
  const [ax, ay] = outcome.axes;
  const byCell = new Map(outcome.rows.map((r) => [`${r.axis_values[0]}|${r.axis_values[1]}`, r]));
  const values = ay.values.map((y) =>
    ax.values.map((x) => {
      const row = byCell.get(`${x}|${y}`);
      return row ? metricValue(row, metric) : null;
    }),
  );
  const finite = values.flat().filter((v): v is number => v !== null);
  const xs = [...ax.values].sort((a, b) => a - b);
  const ys = [...ay.values].sort((a, b) => a - b);
  const sortedValues = ys.map((y) => xs.map((x) => values[ay.values.indexOf(y)][ax.values.indexOf(x)]));
  return {
    file: 'sweep-heatmap',
    svg: renderHeatmapSvg({
      file: 'sweep-heatmap',
      title: `${metric} over ${ax.name} × ${ay.name}`,
      subtitle: `${outcome.rows.length} runs`,
      x: spanAxis(ax.name, xs[0], xs[xs.length - 1], scaleOf(xs)),
      y: spanAxis(ay.name, ys[0], ys[ys.length - 1], scaleOf(ys)),
      xCenters: xs,
      yCenters: ys,
      values: sortedValues,
      colorLabel: metric,
      contours: finite.length ? niceLevels(Math.min(...finite), Math.max(...finite), 6) : [],
      lines: [],
      annotate: xs.length * ys.length <= 100,
    }),
  };
}

function metricsFigure(outcome: SweepOutcome, axis: number): SweepFigure {
  const rows = [...outcome.rows].sort((a, b) => a.axis_values[axis] - b.axis_values[axis]);
  const xs = rows.map((r) => r.axis_values[axis]);
  const name = outcome.axes[axis].name;
  const line = (id: string, label: string, color: string, y: (number | null)[]): SeriesSpec => ({
    id,
    label,
    color,
    widthPx: 3,
    y,
  });
  const strength = [
    line(
      'peak',
      'peak yield strength',
      '#0072B2',
      rows.map((r) => r.peak_yield_strength_mpa),
    ),
    line(
      'final',
      'final yield strength',
      '#D55E00',
      rows.map((r) => r.final_yield_strength_mpa),
    ),
  ];
  const times = [
    line(
      'peak_time',
      'time to peak',
      '#009E73',
      rows.map((r) => r.peak_time_hours),
    ),
    line(
      't90',
      'time to 90 % of peak',
      '#CC79A7',
      rows.map((r) => r.time_to_90_percent_peak_hours),
    ),
  ];
  const x = spanAxis(name, xs[0], xs[xs.length - 1], scaleOf(xs));
  const spec: ChartSpec = {
    name: 'yield_strength',
    file: 'sweep-metrics',
    title: `Strength and time to peak against ${name}`,
    subtitle: `${rows.length} runs`,
    widthPx: 1600,
    heightPx: 1000,
    columns: 2,
    timeHours: xs,
    panels: [
      {
        title: 'yield strength',
        x,
        y: linearAxis(
          'yield strength (MPa)',
          strength.map((s) => s.y),
        ),
        series: strength,
      },
      {
        title: 'time',
        x,
        y: logAxis(
          'time (h)',
          times.map((s) => s.y),
        ),
        series: times,
      },
    ],
    legend: [...strength, ...times].map((s) => ({ label: s.label, color: s.color })),
  };
  return { file: spec.file, svg: renderSvg(spec) };
}

/** Every figure the sweep's shape calls for. */
export function sweepFigures(outcome: SweepOutcome, metric = 'peak_yield_strength_mpa'): SweepFigure[] {
  const rows = outcome.rows;
  if (rows.length === 0) return [];
  const figures: SweepFigure[] = [];
  const axes = outcome.axes;
  if (axes.length === 1 && isTemperatureAxis(axes[0]) && rows.length > 1)
    figures.push(curvesFigure(rows, axes[0].name, 0), ttpMap(rows, axes[0].name, 0));
  if (axes.length === 2 && outcome.combine === 'grid') figures.push(heatmap(outcome, metric));
  if (axes.length === 1 || outcome.combine === 'zip') figures.push(metricsFigure(outcome, 0));
  return figures;
}
