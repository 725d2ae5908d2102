// The time-temperature map on a canvas: one column per temperature, log time upwards, yield strength as
// colour (the CLI map's scale); the peak-time line as white dots. Columns are painted as their runs
// arrive; strength at any (T, t) is read from the run's compact curve as the CLI's figures read it.
import { curveAt } from '../../output/sweep-figures.js';
import { colorAt } from '../../output/sweep-map.js';
import type { SweepCurves, SweepRow } from '../../sweep/row.js';

export interface MapAxes {
  temperaturesCelsius: number[];
  /** Time span, h: the top of the map. */
  hours: number;
}

/** The bottom of the map: four decades below the span (36 s for 100 h). */
export const minHoursOf = (hours: number) => hours * 1e-4;

/** Yield strength at `hours` from a run's compact curve (the CLI's figures read it the same way). */
export function strengthAt(curves: SweepCurves, hours: number): number {
  return curveAt(curves.time_hours, curves.yield_strength_mpa, hours) ?? Number.NaN;
}

export interface MapCanvas {
  /** Paints every column that has a row (colours scaled to the rows so far). */
  paint(rows: (SweepRow | undefined)[]): void;
  /** The column and time under a point of the canvas (CSS px), if inside the map. */
  locate(xPx: number, yPx: number): { column: number; hours: number } | undefined;
}

export function createMapCanvas(canvas: HTMLCanvasElement, axes: MapAxes): MapCanvas {
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { width, height } = canvas;
  const columns = axes.temperaturesCelsius.length;
  const logMin = Math.log(minHoursOf(axes.hours));
  const logMax = Math.log(axes.hours);
  const hoursAtRow = (y: number) => Math.exp(logMax - ((y + 0.5) / height) * (logMax - logMin));
  const columnX = (c: number) => Math.round((c * width) / columns);

  return {
    paint(rows) {
      const present = rows.filter((r): r is SweepRow => r !== undefined);
      const all = present.flatMap((r) => r.curves.yield_strength_mpa);
      const low = Math.min(...all);
      const span = Math.max(...all) - low || 1;
      rows.forEach((row, c) => {
        if (!row) return;
        for (let y = 0; y < height; y++) {
          context.fillStyle = colorAt((strengthAt(row.curves, hoursAtRow(y)) - low) / span);
          context.fillRect(columnX(c), y, columnX(c + 1) - columnX(c), 1);
        }
      });
      context.fillStyle = '#fff';
      rows.forEach((row, c) => {
        if (!row || row.peak_time_hours <= 0) return;
        const y = ((logMax - Math.log(row.peak_time_hours)) / (logMax - logMin)) * height;
        context.fillRect((columnX(c) + columnX(c + 1)) / 2 - 2, y - 2, 4, 4);
      });
    },
    locate(xPx, yPx) {
      const box = canvas.getBoundingClientRect();
      const x = (xPx / box.width) * width;
      const y = (yPx / box.height) * height;
      if (x < 0 || y < 0 || x >= width || y >= height) return undefined;
      return { column: Math.min(columns - 1, Math.floor((x * columns) / width)), hours: hoursAtRow(y) };
    },
  };
}
