// The panels of the figures: which quantities, which axes, which series. Isomorphic.
import type { PanelSpec, SeriesSpec } from './chart-types.js';
import type { CompactPhaseSeries, CompactSeries } from './compact.js';
import { linearAxis, logAxis, type Axis } from './scales.js';
import { phaseColor, phaseLabel, SIZES, TOTAL_COLOR } from './style.js';

/** Volume shares are undefined until this fraction of the peak total volume has precipitated, */
const SHARE_THRESHOLD = 1e-8;
/** and while the total volume fraction is below this (100 % of ~10⁻¹⁰ is noise, not a share). */
export const SHARE_MIN_TOTAL = 1e-6;

export interface PanelContext {
  data: CompactSeries;
  /** Phase names, in the request's order. */
  names: string[];
  /** The phases drawn and in the legends: those whose number density reaches densityFloor. */
  shown: string[];
  totalDensity: number[];
  /** Number densities below this are not drawn (and sizes not shown): the phase is absent. */
  densityFloor: number;
  time: Axis;
}

/** Largest value (at least 0); a loop, since spreading 10⁵ rows into Math.max can overflow the stack. */
export function maximum(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

type Pick = (phase: CompactPhaseSeries, i: number) => number | null;

function phaseSeries(ctx: PanelContext, pick: Pick, suffix = ''): SeriesSpec[] {
  return ctx.shown.map((name) => ({
    id: name + suffix,
    label: phaseLabel(name),
    color: phaseColor(name),
    widthPx: SIZES.phaseLine,
    y: ctx.data.time_hours.map((_, i) => pick(ctx.data.phases[name], i)),
  }));
}

/** Dashed, so that a phase carrying (nearly) all of the total still shows through the gaps. */
export const TOTAL_DASH = [12, 6];

function totalSeries(values: number[]): SeriesSpec {
  return {
    id: 'total',
    label: 'Total',
    color: TOTAL_COLOR,
    widthPx: SIZES.totalLine,
    dash: TOTAL_DASH,
    y: [...values],
  };
}

function totalOf(ctx: PanelContext, key: keyof CompactPhaseSeries): number[] {
  return ctx.data.time_hours.map((_, i) => ctx.names.reduce((s, n) => s + ctx.data.phases[n][key][i], 0));
}

/** A panel with a linear y axis fitted to its series. */
function linearPanel(ctx: PanelContext, title: string, yLabel: string, series: SeriesSpec[]): PanelSpec {
  const y = linearAxis(
    yLabel,
    series.map((s) => s.y),
  );
  return { title, x: ctx.time, y, series };
}

/** A size is only meaningful where the phase is present, i.e. visible on the number-density axis. */
function sizeWherePresent(ctx: PanelContext, key: 'mean_radius_nm' | 'diameter_nm' | 'major_axis_nm'): Pick {
  return (p, i) => (p.number_density_per_m3[i] >= ctx.densityFloor ? p[key][i] : null);
}

export function densityPanel(ctx: PanelContext): PanelSpec {
  const series = [...phaseSeries(ctx, (p, i) => p.number_density_per_m3[i]), totalSeries(ctx.totalDensity)];
  const y = logAxis('Number density (m⁻³)', [ctx.totalDensity], ctx.densityFloor);
  return { title: 'Number density', x: ctx.time, y, series };
}

export function volumeFractionPanel(ctx: PanelContext, title: string): PanelSpec {
  const series = [
    ...phaseSeries(ctx, (p, i) => p.volume_fraction[i]),
    totalSeries(totalOf(ctx, 'volume_fraction')),
  ];
  return linearPanel(ctx, title, 'Volume fraction (–)', series);
}

export function radiusPanel(ctx: PanelContext): PanelSpec {
  return linearPanel(
    ctx,
    'Mean radius r',
    'Mean radius r (nm)',
    phaseSeries(ctx, sizeWherePresent(ctx, 'mean_radius_nm')),
  );
}

/** Stacked areas: each phase's share of the precipitated volume, in %. */
export function sharePanel(ctx: PanelContext): PanelSpec {
  const total = totalOf(ctx, 'volume_fraction');
  const threshold = Math.max(SHARE_THRESHOLD * maximum(total), SHARE_MIN_TOTAL);
  let below: (number | null)[] = total.map((t) => (t > threshold && t > 0 ? 0 : null));
  const series = ctx.shown.map((name) => {
    const lower = below;
    const share = ctx.data.phases[name].volume_fraction;
    const upper = lower.map((l, i) => (l === null ? null : l + (100 * share[i]) / total[i]));
    below = upper;
    return { id: name, label: phaseLabel(name), color: phaseColor(name), widthPx: 0, y: upper, lower };
  });
  const y = { ...linearAxis('Share of precipitate volume (%)', [[100]], 5), max: 100 };
  y.ticks = y.ticks.filter((t) => t.value <= 100);
  const blank = !total.some((t) => t > threshold);
  const title = `Volume fraction by phase${blank ? ' (total below 10⁻⁶: none shown)' : ''}`;
  return { title, x: ctx.time, y, series };
}

export function strengthPanel(
  ctx: PanelContext,
  key: 'crss_mpa' | 'yield_strength_mpa',
  total: number[],
  yLabel: string,
): PanelSpec {
  return linearPanel(ctx, '', yLabel, [...phaseSeries(ctx, (p, i) => p[key][i]), totalSeries(total)]);
}

export function sizePanels(ctx: PanelContext): PanelSpec[] {
  // Radius, as in every other figure; the aspect-ratio law is stated in the diameter d = 2r.
  const radius = phaseSeries(ctx, sizeWherePresent(ctx, 'mean_radius_nm'));
  const major = phaseSeries(ctx, sizeWherePresent(ctx, 'major_axis_nm'), ':major_axis');
  return [
    linearPanel(ctx, 'Mean radius r', 'Mean radius r (nm)', radius),
    linearPanel(ctx, 'Major-axis length AR·d, d = 2r', 'Major-axis length (nm)', major),
  ];
}
