// The time-temperature map on a canvas: one column per temperature, log time upwards, yield strength as
// colour; the peak-time line as white dots. Columns are painted as their runs arrive; strength at any
// (T, t) is read from the run's compact curve (linear in log time between recorded rows).
import type { SweepCurves, SweepRow } from '../../sweep/row.js';

export interface MapAxes {
  temperaturesCelsius: number[];
  /** Time span, h: the top of the map. */
  hours: number;
}

/** The bottom of the map: four decades below the span (36 s for 100 h). */
export const minHoursOf = (hours: number) => hours * 1e-4;

/** Yield strength at `hours` from a compact curve (before its first positive time: that row's value). */
export function strengthAt(curves: SweepCurves, hours: number): number {
  const t = curves.time_hours;
  const ys = curves.yield_strength_mpa;
  let i = 0;
  while (i < t.length - 1 && t[i + 1] <= hours) i++;
  if (i === t.length - 1 || t[i] <= 0) return ys[i];
  const f = (Math.log(hours) - Math.log(t[i])) / (Math.log(t[i + 1]) - Math.log(t[i]));
  return ys[i] + (ys[i + 1] - ys[i]) * f;
}

/** A perceptual dark-blue → yellow ramp, value in [0, 1]. */
export function colourOf(value: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [48, 18, 59],
    [40, 100, 200],
    [30, 170, 160],
    [150, 210, 70],
    [250, 230, 40],
  ];
  const x = Math.min(1, Math.max(0, value)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f)) as [number, number, number];
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
      const image = context.createImageData(width, height);
      rows.forEach((row, c) => {
        if (!row) return;
        for (let y = 0; y < height; y++) {
          const [r, g, b] = colourOf((strengthAt(row.curves, hoursAtRow(y)) - low) / span);
          for (let x = columnX(c); x < columnX(c + 1); x++)
            image.data.set([r, g, b, 255], 4 * (y * width + x));
        }
      });
      context.putImageData(image, 0, 0);
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
