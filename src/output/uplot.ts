// The same chart specs as uPlot options for the browser page: one uPlot chart per panel, with the axes
// ranges, ticks, labels and colours the SVG files use. Isomorphic; only uPlot's types are imported, the
// page brings uPlot itself.
import type uPlot from 'uplot';
import type { ChartSpec, PanelSpec } from './chart-types.js';
import type { Axis } from './scales.js';
import { FONT_FAMILY, SIZES } from './style.js';

export interface UplotPanel {
  options: uPlot.Options;
  data: uPlot.AlignedData;
}

function scaleOf(axis: Axis): uPlot.Scale {
  return {
    time: false,
    distr: axis.scale === 'log' ? 3 : 1,
    log: 10,
    auto: false,
    range: [axis.min, axis.max],
  };
}

/** The spec's label of a tick; uPlot may hand back a log split with round-off, so match within 1e-9. */
function labelOf(axis: Axis, value: number): string {
  return axis.ticks.find((t) => Math.abs(t.value - value) <= 1e-9 * Math.abs(t.value))?.label ?? '';
}

function axisOf(axis: Axis, scale: string): uPlot.Axis {
  return {
    scale,
    label: axis.label,
    font: `${SIZES.tickLabel * 0.8}px ${FONT_FAMILY}`,
    labelFont: `${SIZES.axisLabel * 0.8}px ${FONT_FAMILY}`,
    splits: () => axis.ticks.map((t) => t.value),
    // Keep every split: uPlot's default log filter would drop the spec's labelled 2 and 5 ticks.
    filter: (_u: uPlot, splits: number[]) => splits,
    values: (_u: uPlot, splits: number[]) => splits.map((v) => labelOf(axis, v)),
  };
}

/** Log scales cannot place zeros or negative values: they become gaps, as in the SVG. */
function plotted(values: (number | null)[], axis: Axis): (number | null)[] {
  return axis.scale === 'log' ? values.map((v) => (v !== null && v > 0 ? v : null)) : values;
}

/**
 * A panel whose series carry their own x values (a size distribution's radii) as one shared x column: the
 * sorted union of them, each series null where it has no point (uPlot's data are aligned).
 */
function alignedX(panel: PanelSpec, timeHours: number[]): { x: number[]; ys: (number | null)[][] } {
  if (!panel.series.some((s) => s.x)) return { x: timeHours, ys: panel.series.map((s) => s.y) };
  const x = [...new Set(panel.series.flatMap((s) => s.x ?? timeHours))].sort((a, b) => a - b);
  const ys = panel.series.map((s) => {
    const at = new Map((s.x ?? timeHours).map((v, i) => [v, s.y[i]]));
    return x.map((v) => at.get(v) ?? null);
  });
  return { x, ys };
}

/** uPlot options and data for panel `index` of `spec`, sized widthPx × heightPx (CSS px). */
export function uplotPanel(spec: ChartSpec, index: number, widthPx: number, heightPx: number): UplotPanel {
  const source: PanelSpec = spec.panels[index];
  const aligned = alignedX(source, spec.timeHours);
  const panel: PanelSpec = { ...source, series: source.series.map((s, k) => ({ ...s, y: aligned.ys[k] })) };
  const xValues = aligned.x;
  // Rows a log time axis cannot show (t = 0) are dropped rather than sent as -Infinity.
  const rows = xValues.map((_, i) => i).filter((i) => panel.x.scale !== 'log' || xValues[i] > 0);
  const column = (values: (number | null)[]) =>
    plotted(
      rows.map((i) => values[i]),
      panel.y,
    );
  const series: uPlot.Series[] = [{ label: panel.x.label }];
  const data: (number | null)[][] = [rows.map((i) => xValues[i])];
  const bands: uPlot.Band[] = [];
  panel.series.forEach((s, k) => {
    const isBand = s.lower !== undefined;
    series.push({
      label: s.label,
      stroke: s.color,
      width: isBand ? 1 : s.widthPx,
      dash: s.dash,
      fill: isBand ? `${s.color}cc` : undefined,
      spanGaps: false,
    });
    data.push(column(s.y));
    // Stacked areas: fill down to the previous series (uPlot indices are 1-based after the x column).
    if (isBand && k > 0 && panel.series[k - 1].lower !== undefined) bands.push({ series: [k + 1, k] });
  });
  const options: uPlot.Options = {
    title: panel.title || spec.title,
    width: widthPx,
    height: heightPx,
    scales: { x: scaleOf(panel.x), y: scaleOf(panel.y) },
    axes: [axisOf(panel.x, 'x'), axisOf(panel.y, 'y')],
    series,
    bands,
  };
  return { options, data: data as uPlot.AlignedData };
}

/** Every panel of every chart, in order. */
export function uplotPanels(specs: ChartSpec[], widthPx: number, heightPx: number): UplotPanel[] {
  return specs.flatMap((spec) => spec.panels.map((_, k) => uplotPanel(spec, k, widthPx, heightPx)));
}
