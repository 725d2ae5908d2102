// The chart definition shared by the server's SVG/PNG files and the browser's uPlot charts. Isomorphic.
import type { Axis } from './scales.js';

export type ChartName =
  | 'precipitation'
  | 'yield_strength'
  | 'orowan_strength'
  | 'precipitate_size'
  | 'volume_fraction'
  | 'size_distribution';

export interface SeriesSpec {
  /** Unique within the chart, e.g. "MGSI_B_P", "total", "MGSI_B_P:major_axis". */
  id: string;
  label: string;
  color: string;
  widthPx: number;
  /** SVG stroke-dasharray lengths in px; absent for a solid line. */
  dash?: number[];
  /** The series' own x values (e.g. radii of a size distribution); absent: the chart's timeHours. */
  x?: number[];
  /** One value per x value (the chart's time axis unless `x` is given); null is a gap. */
  y: (number | null)[];
  /** When present, the series is an area filled between `lower` and `y` (stacked shares). */
  lower?: (number | null)[];
}

export interface PanelSpec {
  /** Empty for a chart's only panel (the chart title says it). */
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
  /** One or more lines, separated by "\n". */
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
