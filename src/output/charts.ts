// One definition per figure (data, series, axes, labels, colours) for both the server's SVG/PNG files and
// the browser's uPlot charts. Built from a compact series, which the API returns, so the browser can build
// the same specs from a response. Isomorphic: no Node APIs.
import type { SimulationResult } from '../engine/index.js';
import type { SimulationRequest } from '../request/validate.js';
import { compactIndices, compactRows, sumOf, type CompactPhaseSeries, type CompactSeries } from './compact.js';
import { linearAxis, logAxis, logRangeAxis, type Axis } from './scales.js';
import { phaseColor, phaseLabel, SIZES, TOTAL_COLOR } from './style.js';

export type ChartName = 'precipitation' | 'yield_strength' | 'orowan_strength' | 'precipitate_size' | 'volume_fraction';

export interface SeriesSpec {
  /** Unique within the chart, e.g. "MGSI_B_P", "total", "MGSI_B_P:major_axis". */
  id: string;
  label: string;
  color: string;
  widthPx: number;
  /** SVG stroke-dasharray lengths in px; absent for a solid line. */
  dash?: number[];
  /** One value per point of the chart's time axis; null is a gap. */
  y: (number | null)[];
  /** When present, the series is an area filled between `lower` and `y` (stacked shares). */
  lower?: (number | null)[];
}

export interface PanelSpec {
  title: string;
  x: Axis;
  y: Axis;
  series: SeriesSpec[];
}

export interface LegendEntry {
  label: string;
  color: string;
  dash?: number[];
  fill?: boolean;
}

export interface ChartSpec {
  name: ChartName;
  /** File name without extension (".png" / ".svg"). */
  file: string;
  title: string;
  subtitle: string;
  widthPx: number;
  heightPx: number;
  /** Panels are laid out in a grid with this many columns. */
  columns: number;
  /** The x values shared by every series (ageing time, h). */
  timeHours: number[];
  panels: PanelSpec[];
  legend: LegendEntry[];
}

/** Points per curve in the figures, spread in log-time over the time axis (~1 per pixel column of a panel). */
export const CHART_POINTS = 1200;
const WIDTH_PX = 1600;
const HEIGHT_PX = 1000;
/** Number densities more than this many decades below the peak are not drawn (round-off, 1e-299 m⁻³). */
const DENSITY_DECADES = 10;
/** Volume shares are undefined until this fraction of the peak total volume has precipitated. */
const SHARE_THRESHOLD = 1e-8;

interface Context {
  data: CompactSeries;
  request: SimulationRequest;
  names: string[];
  totalDensity: number[];
  densityFloor: number;
  time: Axis;
  subtitle: string;
}

/** Largest value (at least 0); a loop, since spreading 10⁵ rows into Math.max can overflow the stack. */
function maximum(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

function phaseSeries(ctx: Context, pick: (p: CompactPhaseSeries, i: number) => number | null, suffix = ''): SeriesSpec[] {
  return ctx.names.map((name) => {
    const phase = ctx.data.phases[name];
    return {
      id: name + suffix,
      label: phaseLabel(name),
      color: phaseColor(name),
      widthPx: SIZES.phaseLine,
      y: ctx.data.time_hours.map((_, i) => pick(phase, i)),
    };
  });
}

function totalSeries(values: number[]): SeriesSpec {
  return { id: 'total', label: 'Total', color: TOTAL_COLOR, widthPx: SIZES.totalLine, y: [...values] };
}

/** A size is only meaningful where the phase is present, i.e. visible on the number-density axis. */
function sizeWherePresent(ctx: Context, key: 'mean_radius_nm' | 'diameter_nm' | 'major_axis_nm') {
  return (p: CompactPhaseSeries, i: number) => (p.number_density_per_m3[i] >= ctx.densityFloor ? p[key][i] : null);
}

function densityPanel(ctx: Context): PanelSpec {
  const series = [...phaseSeries(ctx, (p, i) => p.number_density_per_m3[i]), totalSeries(ctx.totalDensity)];
  const y = logAxis('Number density (m⁻³)', [ctx.totalDensity], ctx.densityFloor);
  return { title: 'Number density', x: ctx.time, y, series };
}

function volumeFractionPanel(ctx: Context, title: string): PanelSpec {
  const total = ctx.data.time_hours.map((_, i) => ctx.names.reduce((s, n) => s + ctx.data.phases[n].volume_fraction[i], 0));
  const series = [...phaseSeries(ctx, (p, i) => p.volume_fraction[i]), totalSeries(total)];
  return { title, x: ctx.time, y: linearAxis('Volume fraction (–)', series.map((s) => s.y)), series };
}

function radiusPanel(ctx: Context): PanelSpec {
  const series = phaseSeries(ctx, sizeWherePresent(ctx, 'mean_radius_nm'));
  return { title: 'Mean radius', x: ctx.time, y: linearAxis('Mean radius (nm)', series.map((s) => s.y)), series };
}

/** Stacked areas: each phase's share of the precipitated volume, in %. */
function sharePanel(ctx: Context): PanelSpec {
  const { data, names } = ctx;
  const total = data.time_hours.map((_, i) => names.reduce((s, n) => s + data.phases[n].volume_fraction[i], 0));
  const threshold = SHARE_THRESHOLD * maximum(total);
  const defined = total.map((t) => t > threshold && t > 0);
  let below: (number | null)[] = total.map((_, i) => (defined[i] ? 0 : null));
  const series = names.map((name) => {
    const lower = below;
    const upper = lower.map((l, i) => (l === null ? null : l + (100 * data.phases[name].volume_fraction[i]) / total[i]));
    below = upper;
    return { id: name, label: phaseLabel(name), color: phaseColor(name), widthPx: 0, y: upper, lower };
  });
  const y = { ...linearAxis('Share of precipitate volume (%)', [[100]], 5), max: 100 };
  y.ticks = y.ticks.filter((t) => t.value <= 100);
  return { title: 'Volume fraction by phase', x: ctx.time, y, series };
}

function strengthPanel(ctx: Context, key: 'crss_mpa' | 'yield_strength_mpa', total: number[], label: string): PanelSpec {
  const series = [...phaseSeries(ctx, (p, i) => p[key][i]), totalSeries(total)];
  return { title: '', x: ctx.time, y: linearAxis(label, series.map((s) => s.y)), series };
}

function sizePanels(ctx: Context): PanelSpec[] {
  const diameter = phaseSeries(ctx, sizeWherePresent(ctx, 'diameter_nm'));
  const major = phaseSeries(ctx, sizeWherePresent(ctx, 'major_axis_nm'), ':major_axis');
  return [
    { title: 'Mean diameter d', x: ctx.time, y: linearAxis('Diameter (nm)', diameter.map((s) => s.y)), series: diameter },
    { title: 'Major-axis length AR·d', x: ctx.time, y: linearAxis('Major-axis length (nm)', major.map((s) => s.y)), series: major },
  ];
}

function legendOf(ctx: Context, withTotal: boolean, fill = false): LegendEntry[] {
  const entries: LegendEntry[] = ctx.names.map((n) => ({ label: phaseLabel(n), color: phaseColor(n), fill }));
  return withTotal ? [...entries, { label: 'Total', color: TOTAL_COLOR }] : entries;
}

const fmt = (value: number, digits = 3) => String(Number(value.toPrecision(digits)));

function describeRequest(request: SimulationRequest): string {
  const solutes = Object.entries(request.composition)
    .map(([el, x]) => `${fmt(x * 100)}${el[0]}${el.slice(1).toLowerCase()}`)
    .join('–');
  const { time_points_hours: times, temperatures_celsius: temps } = request.temperature_profile;
  const profile =
    times.length <= 4
      ? times.map((t, i) => `${fmt(temps[i])} °C at ${fmt(t)} h`).join(', ')
      : `${fmt(Math.min(...temps))}–${fmt(Math.max(...temps))} °C (${times.length}-point profile)`;
  return `Al–${solutes} (at.%) · T: ${profile} · ${fmt(request.simulation_time_hours)} h aged`;
}

/** Number densities this far below the peak are not drawn; Infinity when nothing precipitated. */
function densityFloorOf(peakPerM3: number): number {
  return peakPerM3 > 0 ? 10 ** (Math.floor(Math.log10(peakPerM3)) - DENSITY_DECADES) : Infinity;
}

/** Start of the log-time axis: the decade in which the number density becomes visible (precipitation starts). */
function timeMinHours(timeHours: ArrayLike<number>, totalDensity: ArrayLike<number>, densityFloor: number): number {
  const n = timeHours.length;
  const end = timeHours[n - 1] > 0 ? timeHours[n - 1] : 1;
  let firstPositive = end / 1000;
  let onset = end / 1000;
  for (let i = n - 1; i >= 0; i--) {
    if (timeHours[i] <= 0) break;
    firstPositive = timeHours[i];
    if (totalDensity[i] >= densityFloor) onset = timeHours[i];
  }
  const min = Math.max(10 ** Math.floor(Math.log10(onset)), firstPositive);
  return min < end ? min : end / 10;
}

function context(data: CompactSeries, request: SimulationRequest, options: ChartOptions): Context {
  const names = Object.keys(data.phases);
  const totalDensity = data.time_hours.map((_, i) => names.reduce((s, n) => s + data.phases[n].number_density_per_m3[i], 0));
  const densityFloor = densityFloorOf(maximum(names.map((n) => maximum(data.phases[n].number_density_per_m3))));
  const end = data.time_hours[data.time_hours.length - 1];
  const min = options.timeMinHours ?? timeMinHours(data.time_hours, totalDensity, densityFloor);
  const time = logRangeAxis('Ageing time (h)', min, end > min ? end : min * 10);
  return { data, request, names, totalDensity, densityFloor, time, subtitle: describeRequest(request) };
}

function chart(ctx: Context, name: ChartName, title: string, panels: PanelSpec[], legend: LegendEntry[], subtitle = ''): ChartSpec {
  return {
    name,
    file: name,
    title,
    subtitle: subtitle ? `${ctx.subtitle}\n${subtitle}` : ctx.subtitle,
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    columns: panels.length > 1 ? 2 : 1,
    timeHours: [...ctx.data.time_hours],
    panels,
    legend,
  };
}

export interface ChartOptions {
  /** Start of the time axis, h (default: the decade in which precipitation starts). */
  timeMinHours?: number;
}

/** The five figures from a compact series (as the API returns it) and its normalized request. */
export function chartSpecsFromSeries(data: CompactSeries, request: SimulationRequest, options: ChartOptions = {}): ChartSpec[] {
  const ctx = context(data, request, options);
  const { aspect_ratio: ar, taylor_factor: taylor } = request.config;
  const ys = data.total_yield_strength_mpa;
  const peakIndex = ys.indexOf(maximum(ys));
  const peakNote =
    peakIndex >= 0 && ys[peakIndex] > 0
      ? `Peak ${fmt(ys[peakIndex])} MPa at ${fmt(data.time_hours[peakIndex])} h; final ${fmt(ys[ys.length - 1])} MPa`
      : '';
  return [
    chart(ctx, 'precipitation', 'Precipitation kinetics', [
      densityPanel(ctx),
      volumeFractionPanel(ctx, 'Volume fraction'),
      radiusPanel(ctx),
      sharePanel(ctx),
    ], legendOf(ctx, true)),
    chart(ctx, 'yield_strength', `Yield strength (Taylor factor M = ${fmt(taylor, 4)})`, [
      strengthPanel(ctx, 'yield_strength_mpa', ys, 'Yield strength σ = M·τ (MPa)'),
    ], legendOf(ctx, true), peakNote),
    chart(ctx, 'orowan_strength', 'Orowan strengthening: critical resolved shear stress', [
      strengthPanel(ctx, 'crss_mpa', data.total_crss_mpa, 'Orowan CRSS τ (MPa)'),
    ], legendOf(ctx, true)),
    chart(ctx, 'precipitate_size', `Precipitate size (aspect ratio AR = ${fmt(ar.prefactor, 4)}·d^${fmt(ar.exponent, 4)}, d in nm)`,
      sizePanels(ctx), legendOf(ctx, false)),
    chart(ctx, 'volume_fraction', 'Precipitate volume fraction', [volumeFractionPanel(ctx, '')], legendOf(ctx, true)),
  ];
}

/** The five figures of a run, drawn from a shape-keeping subset of CHART_POINTS rows on the time axis. */
export function chartSpecs(result: SimulationResult): ChartSpec[] {
  const { series } = result;
  const timeHours = series.timeS.map((t) => t / 3600);
  const totalDensity = sumOf(series.phases.map((p) => p.numberDensityPerM3), series.length);
  const peak = maximum(series.phases.map((p) => maximum(p.numberDensityPerM3)));
  const minHours = timeMinHours(timeHours, totalDensity, densityFloorOf(peak));
  let fromRow = 0;
  while (fromRow + 1 < series.length && timeHours[fromRow + 1] <= minHours) fromRow++;
  const data = compactRows(result, compactIndices(result, CHART_POINTS, fromRow));
  return chartSpecsFromSeries(data, result.request, { timeMinHours: minHours });
}
