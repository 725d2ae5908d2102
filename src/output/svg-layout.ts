// Where the legend entries and panels of a chart go, so that no two texts overlap. Isomorphic.
import type { ChartSpec, LegendEntry, PanelSpec } from './chart-types.js';
import { SIZES, textWidthPx } from './style.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MARGIN_PX = 16;
const SWATCH_PX = 44;
const ENTRY_GAP_PX = 34;
const LEGEND_ROW_PX = 30;

/** Legend entries in centred rows, wrapped to the chart's width. */
export function legendLayout(entries: LegendEntry[], widthPx: number, top: number) {
  const widths = entries.map((e) => SWATCH_PX + textWidthPx(e.label, SIZES.legend));
  const rows: number[][] = [[]];
  let used = 0;
  widths.forEach((w, k) => {
    const row = rows[rows.length - 1];
    if (row.length > 0 && used + ENTRY_GAP_PX + w > widthPx - 2 * MARGIN_PX) {
      rows.push([k]);
      used = w;
    } else {
      used += (row.length > 0 ? ENTRY_GAP_PX : 0) + w;
      row.push(k);
    }
  });
  const items: { entry: LegendEntry; x: number; y: number }[] = [];
  rows.forEach((row, r) => {
    const rowWidth = row.reduce((s, k) => s + widths[k], 0) + ENTRY_GAP_PX * (row.length - 1);
    let x = (widthPx - rowWidth) / 2;
    const y = top + LEGEND_ROW_PX * r + LEGEND_ROW_PX / 2;
    for (const k of row) {
      items.push({ entry: entries[k], x, y });
      x += widths[k] + ENTRY_GAP_PX;
    }
  });
  return { items, bottom: top + LEGEND_ROW_PX * (entries.length > 0 ? rows.length : 0) };
}

/** Height of the schedule strip at a figure's foot (its panel, tick labels and no axis label), px. */
export const SCHEDULE_STRIP_PX = 120;

/** The plot area of a panel in its cell, left after its title, tick labels and axis labels. */
function plotBox(panel: PanelSpec, cell: Box, columns: number): Box {
  const tickWidth = Math.max(0, ...panel.y.ticks.map((t) => textWidthPx(t.label, SIZES.tickLabel)));
  const left = SIZES.axisLabel * 1.6 + 14 + tickWidth;
  const titleSpace = panel.title ? SIZES.panelTitle + 16 : 8;
  const bottomSpace = SIZES.tickLabel + (panel.x.label ? SIZES.axisLabel + 34 : 18);
  const rightSpace = columns > 1 ? 36 : 24;
  return {
    x: cell.x + left,
    y: cell.y + titleSpace,
    width: cell.width - left - rightSpace,
    height: cell.height - titleSpace - bottomSpace,
  };
}

/** Grid cells below `top`, and in each the plot area left after titles, tick labels and axis labels. */
export function panelBoxes(spec: ChartSpec, top: number): { cell: Box; plot: Box }[] {
  const columns = Math.max(1, spec.columns);
  const rows = Math.ceil(spec.panels.length / columns);
  const cellWidth = (spec.widthPx - 2 * MARGIN_PX) / columns;
  const strip = spec.schedule ? SCHEDULE_STRIP_PX : 0;
  const cellHeight = (spec.heightPx - top - MARGIN_PX / 2 - strip) / rows;
  return spec.panels.map((panel, k) => {
    const cell = {
      x: MARGIN_PX + (k % columns) * cellWidth,
      y: top + Math.floor(k / columns) * cellHeight,
      width: cellWidth,
      height: cellHeight,
    };
    return { cell, plot: plotBox(panel, cell, columns) };
  });
}

/**
 * The schedule strip at the figure's foot, one per column of panels, its time axis under (and as wide as)
 * that of the column's bottom panel.
 */
export function scheduleBoxes(
  spec: ChartSpec,
  schedule: PanelSpec,
  boxes: { cell: Box; plot: Box }[],
): { cell: Box; plot: Box }[] {
  const columns = Math.max(1, Math.min(spec.columns, boxes.length));
  return Array.from({ length: columns }, (_, c) => {
    let last = c;
    while (last + columns < boxes.length) last += columns;
    const above = boxes[last];
    const cell = {
      x: above.cell.x,
      y: spec.heightPx - MARGIN_PX / 2 - SCHEDULE_STRIP_PX,
      width: above.cell.width,
      height: SCHEDULE_STRIP_PX,
    };
    const plot = plotBox(schedule, cell, columns);
    return { cell, plot: { ...plot, x: above.plot.x, width: above.plot.width } };
  });
}
