// Result files and compact series of a run: the names and functions the service, the CLI and the
// browser page code against. Isomorphic (the PNG files need Node: see render-node.ts).
import type { SimulationResult } from '../engine/index.js';
import { chartSpecs, type ChartName, type ChartSpec } from './charts.js';
import { renderSvg } from './svg.js';

export { compactSeries, DEFAULT_COMPACT_POINTS, MAX_COMPACT_POINTS } from './compact.js';
export { DEFAULT_RAW_ROWS, rawDataIndices } from './run-rows.js';
export type { CompactSeries, CompactPhaseSeries } from './compact.js';
export { chartSpecs, chartSpecsFromSeries, CHART_POINTS } from './charts.js';
export type { ChartName, ChartOptions, ChartSpec, PanelSpec, SeriesSpec, LegendEntry } from './charts.js';
export { uplotPanel, uplotPanels, type UplotPanel } from './uplot.js';
export type { Axis, AxisScale, Tick } from './scales.js';
export { phaseColor, phaseLabel, TOTAL_COLOR } from './style.js';
export { outputColumns, rawTable, resultsCsvPieces, resultsJsonPieces, seriesColumns } from './raw.js';
export type { Column, RawMeta, RawTable } from './raw.js';
export { renderSvg } from './svg.js';
export { rawFilePieces } from './raw-files.js';
export { formatSignificant, roundSignificant, tidyNumber } from './numbers.js';
export { sizeDistributionsJson, type SizeDistributionJson } from './size-distribution.js';
export { sizeDistributionSpec, timeColor, timeLabel } from './size-chart.js';

export interface ResultFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The figures, in the order of RESULT_FILE_NAMES; each is written as .png and .svg. */
export const CHART_FILES = [
  'precipitation',
  'yield_strength',
  'orowan_strength',
  'precipitate_size',
  'volume_fraction',
  'strength_breakdown',
  'size_distribution',
] as const;

/** Every file a finished run has (names are part of the API): the figures as PNG, their SVG twins, raw data. */
export const RESULT_FILE_NAMES = [
  'precipitation.png',
  'yield_strength.png',
  'orowan_strength.png',
  'precipitate_size.png',
  'volume_fraction.png',
  'strength_breakdown.png',
  'size_distribution.png',
  'precipitation.svg',
  'yield_strength.svg',
  'orowan_strength.svg',
  'precipitate_size.svg',
  'volume_fraction.svg',
  'strength_breakdown.svg',
  'size_distribution.svg',
  'results.json',
  'results.csv',
  'size_distributions.json',
  'size_distributions.csv',
] as const;
export type ResultFileName = (typeof RESULT_FILE_NAMES)[number];

/** API response keys of the files a finished job offers. */
export const API_FILE_KEYS = {
  precipitation_plot: 'precipitation.png',
  yield_strength_plot: 'yield_strength.png',
  orowan_plot: 'orowan_strength.png',
  size_plot: 'precipitate_size.png',
  volume_fraction_plot: 'volume_fraction.png',
  strength_plot: 'strength_breakdown.png',
  raw_data: 'results.json',
  raw_csv: 'results.csv',
  size_distribution_plot: 'size_distribution.png',
  size_distributions_json: 'size_distributions.json',
  size_distributions_csv: 'size_distributions.csv',
} as const;

export const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  svgz: 'image/svg+xml',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/** The six figures (or those in `only`): their specs and SVG documents. */
export function renderCharts(
  result: SimulationResult,
  only?: ReadonlySet<ChartName>,
): { spec: ChartSpec; svg: string }[] {
  return chartSpecs(result, only).map((spec) => ({ spec, svg: renderSvg(spec) }));
}

/** The figure a file name (precipitation.png, precipitation.svg) shows, if it names one. */
export function chartOfFile(name: string): ChartName | undefined {
  const base = name.replace(/\.(png|svg)$/, '');
  return base !== name && (CHART_FILES as readonly string[]).includes(base) ? (base as ChartName) : undefined;
}
