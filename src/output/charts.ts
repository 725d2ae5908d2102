// One definition per figure (data, series, axes, labels, colours) for both the server's SVG/PNG files and
// the browser's uPlot charts. Built from a compact series, which the API returns, so that the browser can
// build the same specs from a response. Isomorphic: no Node APIs.
import type { SimulationResult } from '../engine/index.js';
import type { SimulationRequest } from '../request/validate.js';
import type { ChartName, ChartSpec, LegendEntry, PanelSpec } from './chart-types.js';
import { compactIndices, compactRows, sumOf, type CompactSeries } from './compact.js';
import * as panels from './panels.js';
import { maximum, TOTAL_DASH, type PanelContext } from './panels.js';
import { logRangeAxis } from './scales.js';
import { sizeDistributionSpec } from './size-chart.js';
import { phaseColor, phaseLabel, TOTAL_COLOR } from './style.js';

export type { ChartName, ChartSpec, LegendEntry, PanelSpec, SeriesSpec } from './chart-types.js';

/** Points per curve in the figures, spread in log-time over the time axis (~1 per pixel column of a panel). */
export const CHART_POINTS = 1200;
const WIDTH_PX = 1600;
const HEIGHT_PX = 1000;
/** Number densities more than this many decades below the peak are not drawn (round-off, 1e-299 m⁻³). */
const DENSITY_DECADES = 10;

export interface ChartOptions {
  /** Start of the time axis, h (default: the decade in which precipitation starts). */
  timeMinHours?: number;
  /** Build only these figures, in the usual order (the page's preview draws two). */
  only?: ReadonlySet<ChartName>;
}

interface Context extends PanelContext {
  subtitle: string;
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

/** Start of the log-time axis: the decade in which the number density becomes visible. */
function timeMinHours(timeHours: ArrayLike<number>, totalDensity: ArrayLike<number>, floor: number): number {
  const n = timeHours.length;
  const end = timeHours[n - 1] > 0 ? timeHours[n - 1] : 1;
  let firstPositive = end / 1000;
  let onset = end / 1000;
  for (let i = n - 1; i >= 0 && timeHours[i] > 0; i--) {
    firstPositive = timeHours[i];
    if (totalDensity[i] >= floor) onset = timeHours[i];
  }
  const min = Math.max(10 ** Math.floor(Math.log10(onset)), firstPositive);
  return min < end ? min : end / 10;
}

function context(data: CompactSeries, request: SimulationRequest, options: ChartOptions): Context {
  const names = Object.keys(data.phases);
  const totalDensity = data.time_hours.map((_, i) =>
    names.reduce((s, n) => s + data.phases[n].number_density_per_m3[i], 0),
  );
  const densityFloor = densityFloorOf(
    maximum(names.map((n) => maximum(data.phases[n].number_density_per_m3))),
  );
  const end = data.time_hours[data.time_hours.length - 1];
  const min = options.timeMinHours ?? timeMinHours(data.time_hours, totalDensity, densityFloor);
  const time = logRangeAxis('Ageing time (h)', min, end > min ? end : min * 10);
  const none = densityFloor === Infinity ? ' · no precipitates formed' : '';
  return { data, names, totalDensity, densityFloor, time, subtitle: describeRequest(request) + none };
}

function legendOf(ctx: Context, withTotal: boolean): LegendEntry[] {
  const entries: LegendEntry[] = ctx.names.map((n) => ({ label: phaseLabel(n), color: phaseColor(n) }));
  return withTotal ? [...entries, { label: 'Total', color: TOTAL_COLOR, dash: TOTAL_DASH }] : entries;
}

function chart(ctx: Context, name: ChartName, title: string, parts: PanelSpec[], note = ''): ChartSpec {
  const withTotal = parts.some((p) => p.series.some((s) => s.id === 'total'));
  return {
    name,
    file: name,
    title,
    subtitle: note ? `${ctx.subtitle}\n${note}` : ctx.subtitle,
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    columns: parts.length > 1 ? 2 : 1,
    timeHours: [...ctx.data.time_hours],
    panels: parts,
    legend: legendOf(ctx, withTotal),
  };
}

function peakNote(data: CompactSeries): string {
  const ys = data.total_yield_strength_mpa;
  const peak = ys.indexOf(maximum(ys));
  if (peak < 0 || !(ys[peak] > 0)) return '';
  return `Peak ${fmt(ys[peak])} MPa at ${fmt(data.time_hours[peak])} h; final ${fmt(ys[ys.length - 1])} MPa`;
}

/**
 * The five figures (or those in `options.only`) from a compact series, as the API returns it, and its
 * normalized request.
 */
export function chartSpecsFromSeries(
  data: CompactSeries,
  request: SimulationRequest,
  options: ChartOptions = {},
): ChartSpec[] {
  const ctx = context(data, request, options);
  const { aspect_ratio: ar, taylor_factor: taylor } = request.config;
  const arLaw = `AR = ${fmt(ar.prefactor, 4)}·d^${fmt(ar.exponent, 4)}, d in nm`;
  const ys = data.total_yield_strength_mpa;
  const figures: [ChartName, () => ChartSpec][] = [
    [
      'precipitation',
      () =>
        chart(ctx, 'precipitation', 'Precipitation kinetics', [
          panels.densityPanel(ctx),
          panels.volumeFractionPanel(ctx, 'Volume fraction'),
          panels.radiusPanel(ctx),
          panels.sharePanel(ctx),
        ]),
    ],
    [
      'yield_strength',
      () =>
        chart(
          ctx,
          'yield_strength',
          `Yield strength (Taylor factor M = ${fmt(taylor, 4)})`,
          [panels.strengthPanel(ctx, 'yield_strength_mpa', ys, 'Yield strength σ = M·τ (MPa)')],
          peakNote(data),
        ),
    ],
    [
      'orowan_strength',
      () =>
        chart(ctx, 'orowan_strength', 'Orowan strengthening: critical resolved shear stress', [
          panels.strengthPanel(ctx, 'crss_mpa', data.total_crss_mpa, 'Orowan CRSS τ (MPa)'),
        ]),
    ],
    [
      'precipitate_size',
      () =>
        chart(ctx, 'precipitate_size', `Precipitate size (aspect ratio ${arLaw})`, panels.sizePanels(ctx)),
    ],
    [
      'volume_fraction',
      () =>
        chart(ctx, 'volume_fraction', 'Precipitate volume fraction', [panels.volumeFractionPanel(ctx, '')]),
    ],
  ];
  const only = options.only;
  return figures.filter(([name]) => !only || only.has(name)).map(([, build]) => build());
}

/** The figures of a run (all five, or `only`), drawn from a shape-keeping subset of `points` rows. */
export function chartSpecs(
  result: SimulationResult,
  only?: ReadonlySet<ChartName>,
  points = CHART_POINTS,
): ChartSpec[] {
  const { series } = result;
  const timeHours = series.timeS.map((t) => t / 3600);
  const densities = series.phases.map((p) => p.numberDensityPerM3);
  const totalDensity = sumOf(densities, series.length);
  const floor = densityFloorOf(maximum(densities.map(maximum)));
  const minHours = timeMinHours(timeHours, totalDensity, floor);
  // Rows before the axis start would be invisible: begin at the last row at or before it.
  let fromRow = 0;
  while (fromRow + 1 < series.length && timeHours[fromRow + 1] <= minHours) fromRow++;
  const data = compactRows(result, compactIndices(result, points, fromRow, totalDensity));
  const specs = chartSpecsFromSeries(data, result.request, { timeMinHours: minHours, only });
  if (only && !only.has('size_distribution')) return specs;
  return [...specs, sizeDistributionSpec(result.sizeDistributions, describeRequest(result.request))];
}
