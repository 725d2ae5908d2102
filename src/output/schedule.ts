// The temperature schedule on the time figures: a thin panel under each time figure, on the same time axis,
// and where that axis starts (it covers the schedule from a sensible first decade). Isomorphic.
import type { PanelSpec } from './chart-types.js';
import { formatSignificant } from './numbers.js';
import type { Axis } from './scales.js';
import { TOTAL_COLOR } from './style.js';

/** A log time axis starts at most this many decades below the decade of the run's end (0.01 h for 25 h). */
export const SCHEDULE_DECADES = 3;
/** Points drawn per segment of the schedule between its points. */
const SEGMENT_POINTS = 24;

export interface Schedule {
  time_points_hours: number[];
  temperatures_celsius: number[];
}

/** T(t) of the piecewise-linear profile, held flat before its first and after its last point, °C. */
export function temperatureAtHours(schedule: Schedule, hours: number): number {
  const { time_points_hours: t, temperatures_celsius: c } = schedule;
  if (hours <= t[0]) return c[0];
  for (let i = 1; i < t.length; i++) {
    if (hours <= t[i]) return c[i - 1] + ((c[i] - c[i - 1]) * (hours - t[i - 1])) / (t[i] - t[i - 1]);
  }
  return c[c.length - 1];
}

/** The first decade a log time axis needs to show the schedule (10^(⌊log₁₀ end⌋ − SCHEDULE_DECADES)) h. */
export function scheduleStartHours(endHours: number): number {
  return 10 ** (Math.floor(Math.log10(endHours)) - SCHEDULE_DECADES);
}

/** A linear °C axis a little beyond the schedule's range, ticked at its temperatures (or its ends). */
function temperatureAxis(celsius: number[]): Axis {
  const lo = Math.min(...celsius);
  const hi = Math.max(...celsius);
  // The schedule's temperatures at its points (and the axis ends) bound every value between them.
  const pad = Math.max(5, (hi - lo) * 0.15);
  const levels = [...new Set(celsius.map((c) => Number(c.toPrecision(4))))].sort((a, b) => a - b);
  const values = levels.length <= 3 ? levels : [levels[0], levels[levels.length - 1]];
  const ticks = values.map((value) => ({ value, label: formatSignificant(value), major: true }));
  return { label: 'T (°C)', scale: 'linear', min: lo - pad, max: hi + pad, ticks };
}

/** The schedule over the time axis: its points within the axis, and the axis ends. */
export function schedulePanel(schedule: Schedule, time: Axis): PanelSpec {
  const inside = schedule.time_points_hours.filter((h) => h > time.min && h < time.max);
  const ends = [time.min, ...inside, time.max];
  // Points along each segment, evenly on the axis' scale, so that a ramp is drawn as the run sees it.
  const x = ends.flatMap((from, k) => {
    const to = ends[k + 1];
    if (to === undefined) return [from];
    return Array.from({ length: SEGMENT_POINTS }, (_, j) =>
      time.scale === 'log'
        ? from * (to / from) ** (j / SEGMENT_POINTS)
        : from + ((to - from) * j) / SEGMENT_POINTS,
    );
  });
  const y = x.map((h) => temperatureAtHours(schedule, h));
  return {
    title: '',
    x: { ...time, label: '' },
    y: temperatureAxis(ends.map((h) => temperatureAtHours(schedule, h))),
    series: [{ id: 'temperature', label: 'Temperature', color: TOTAL_COLOR, widthPx: 2, x, y }],
  };
}
