// One definition per figure (data, series, axes, labels, colours) for both the server's SVG/PNG files and
// the browser's uPlot charts. Built from a compact series, which the API returns, so that the browser can
// build the same specs from a response. Isomorphic: no Node APIs.
import type { SimulationResult } from '../engine/index.js';
import type { SimulationRequest } from '../request/validate.js';
import type { ChartName, ChartSpec, LegendEntry, PanelSpec } from './chart-types.js';
import { compactIndices, compactRows, sumOf, type CompactSeries } from './compact.js';
import * as panels from './panels.js';
import { maximum, TOTAL_DASH, type PanelContext } from './panels.js';
import { formatSignificant } from './numbers.js';
import { linearAxis, logRangeAxis, powerOfTen, type Axis } from './scales.js';
import { scheduleStartHours, schedulePanel } from './schedule.js';
import { sizeDistributionSpec } from './size-chart.js';
import { PEAK_NOT_REACHED, phaseColor, phaseLabel, TOTAL_COLOR } from './style.js';
import { strengthLegend, strengthPanels, strengthTitle } from './strength-chart.js';

export type { ChartName, ChartSpec, LegendEntry, PanelSpec, SeriesSpec } from './chart-types.js';

/** Points per curve in the figures, spread in log-time over the time axis (~1 per pixel column of a panel). */
export const CHART_POINTS = 1200;
const WIDTH_PX = 1600;
const HEIGHT_PX = 1000;
/** Number densities more than this many decades below the peak are not drawn (round-off, 1e-299 m⁻³). */
const DENSITY_DECADES = 10;

export interface ChartOptions {
  /**
   * Start of a log time axis, h (default: the decade in which precipitation starts, or
   * SCHEDULE_DECADES below the end's decade if earlier). Unused with a linear time axis.
   */
  timeMinHours?: number;
  /** Build only these figures, in the usual order (the page's preview draws two). */
  only?: ReadonlySet<ChartName>;
}

interface Context extends PanelContext {
  subtitle: string;
  request: SimulationRequest;
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
  // The schedule from a sensible first decade, even where nothing precipitates yet.
  const decade = Math.min(10 ** Math.floor(Math.log10(onset)), scheduleStartHours(end));
  const min = Math.max(decade, firstPositive);
  return min < end ? min : end / 10;
}

/** Whether the request asks for a linear time axis (default log). */
const linearTime = (request: SimulationRequest) => request.output?.time_axis === 'linear';

function timeAxis(data: CompactSeries, request: SimulationRequest, min: () => number): Axis {
  const end = data.time_hours[data.time_hours.length - 1];
  if (linearTime(request)) return linearAxis('Ageing time (h)', [[0, end]]);
  const start = min();
  return logRangeAxis('Ageing time (h)', start, end > start ? end : start * 10);
}

/** Phases whose number density comes within DENSITY_DECADES of the peak: the others stay out of legends. */
function shownPhases(data: CompactSeries, names: string[], floor: number): string[] {
  return names.filter((n) => maximum(data.phases[n].number_density_per_m3) >= floor);
}

function absentNote(names: string[], shown: string[]): string {
  const absent = names.filter((n) => !shown.includes(n)).map(phaseLabel);
  if (absent.length === 0 || shown.length === 0) return '';
  return `\nNot shown (number density never within ${powerOfTen(-DENSITY_DECADES)} of the peak): ${absent.join(', ')}`;
}

function context(data: CompactSeries, request: SimulationRequest, options: ChartOptions): Context {
  const names = Object.keys(data.phases);
  const totalDensity = data.time_hours.map((_, i) =>
    names.reduce((s, n) => s + data.phases[n].number_density_per_m3[i], 0),
  );
  const densityFloor = densityFloorOf(
    maximum(names.map((n) => maximum(data.phases[n].number_density_per_m3))),
  );
  const time = timeAxis(
    data,
    request,
    () => options.timeMinHours ?? timeMinHours(data.time_hours, totalDensity, densityFloor),
  );
  const none = densityFloor === Infinity ? ' · no precipitates formed' : '';
  const shown = shownPhases(data, names, densityFloor);
  const subtitle = describeRequest(request) + none + absentNote(names, shown);
  return { data, names, shown, totalDensity, densityFloor, time, subtitle, request };
}

function legendOf(ctx: Context, withTotal: boolean): LegendEntry[] {
  const entries: LegendEntry[] = ctx.shown.map((n) => ({ label: phaseLabel(n), color: phaseColor(n) }));
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
    schedule: schedulePanel(ctx.request.temperature_profile, ctx.time),
  };
}

/** The peak yield strength, or that it was not reached (the highest value is the last). */
export function peakNote(data: CompactSeries): string {
  const ys = data.total_yield_strength_mpa;
  const peak = ys.indexOf(maximum(ys));
  if (peak < 0 || !(ys[peak] > 0)) return '';
  const at = (i: number) => `${formatSignificant(ys[i])} MPa at ${formatSignificant(data.time_hours[i])} h`;
  if (peak === ys.length - 1) return `${PEAK_NOT_REACHED}: ${at(peak)} (the end)`;
  return `Peak ${at(peak)}; final ${formatSignificant(ys[ys.length - 1])} MPa`;
}

/**
 * The six figures (or those in `options.only`) from a compact series, as the API returns it, and its
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
    [
      'strength_breakdown',
      () => ({
        ...chart(
          ctx,
          'strength_breakdown',
          strengthTitle(request.config.strength?.model),
          strengthPanels(ctx),
          peakNote(data),
        ),
        legend: strengthLegend(ctx),
      }),
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
  // Rows before a log axis' start would be invisible: begin at the last row at or before it.
  let fromRow = 0;
  if (!linearTime(result.request))
    while (fromRow + 1 < series.length && timeHours[fromRow + 1] <= minHours) fromRow++;
  const data = compactRows(result, compactIndices(result, points, fromRow, totalDensity));
  const specs = chartSpecsFromSeries(data, result.request, { timeMinHours: minHours, only });
  if (only && !only.has('size_distribution')) return specs;
  return [...specs, sizeDistributionSpec(result.sizeDistributions, describeRequest(result.request))];
}
