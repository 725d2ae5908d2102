// Axis ranges and ticks computed from the data, shared by the SVG renderer and the browser's uPlot charts
// so that both draw the same axes. Isomorphic. Any input gives a finite axis with min < max and a bounded
// number of ticks: magnitudes are clamped to [TINY, HUGE] (beyond them 10ⁿ under- or overflows, and a
// zero or infinite step would never end a tick loop), and a range too narrow to tell apart is widened.

/** Smallest and largest magnitudes an axis spans; data beyond them is drawn clipped. */
const TINY = 1e-300;
const HUGE = 1e300;
/** More ticks than this on one axis means a degenerate step: only the ends are ticked then. */
const MAX_TICKS = 1000;

export type AxisScale = 'linear' | 'log';

export interface Tick {
  value: number;
  /** Empty for an unlabelled (minor) tick. */
  label: string;
  major: boolean;
}

export interface Axis {
  label: string;
  scale: AxisScale;
  min: number;
  max: number;
  ticks: Tick[];
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10ⁿ with Unicode superscripts, so that no renderer needs tspan baseline shifts. */
export function powerOfTen(exponent: number): string {
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/**
 * A tick label: plain decimals for everyday magnitudes, m×10ⁿ beyond them; `scientific` decides for a
 * whole axis (so that 0.002 never stands next to 7.5×10⁻⁴).
 */
export function formatNumber(value: number, step: number, scientific?: boolean): string {
  if (value === 0) return '0';
  const magnitude = Math.max(Math.abs(value), Math.abs(step));
  if (scientific ?? (magnitude >= 1e5 || magnitude < 1e-3)) {
    const exponent = Math.floor(Math.log10(Math.abs(value)));
    const mantissa = Number((value / 10 ** exponent).toPrecision(3));
    // On a stepped axis every label has a mantissa (1×10⁻³ next to 1.25×10⁻³).
    const bare = mantissa === 1 && scientific === undefined;
    return bare ? powerOfTen(exponent) : `${mantissa}×${powerOfTen(exponent)}`;
  }
  const decimals = Math.min(20, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  const text = value.toFixed(decimals + (Number(step.toFixed(decimals)) === step ? 0 : 1));
  return String(Number(text));
}

/** 1, 2, 2.5 or 5 × 10ⁿ: the one closest to `rough` on a log scale (fewer empty ticks above the data). */
function niceStep(rough: number): number {
  if (!(rough > 0 && rough < Infinity)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const distance = (f: number) => Math.abs(Math.log(f * power) - Math.log(rough));
  return [1, 2, 2.5, 5, 10].reduce((best, f) => (distance(f) < distance(best) ? f : best), 1) * power;
}

/** Finite values of the series, dropping nulls, NaN and (for log axes) values at or below `floor`. */
export function dataExtent(
  series: (number | null)[][],
  floor = -Infinity,
): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const values of series) {
    for (const v of values) {
      if (v === null || !Number.isFinite(v) || v <= floor) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

/**
 * A linear axis from zero (or the data's negative minimum) to a round number above the data's maximum,
 * with about `targetTicks` ticks, so that no curve is clipped and the top curve does not touch the frame.
 */
export function linearAxis(label: string, series: (number | null)[][], targetTicks = 6): Axis {
  const extent = dataExtent(series);
  const lo = Math.min(0, clampLinear(extent?.min ?? 0));
  let hi = Math.max(clampLinear(extent?.max ?? 0), lo);
  // Equal ends, or ends a round step cannot tell apart: from the minimum to zero (or 0 to 1).
  if (hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) hi = lo === 0 ? 1 : Math.max(0, hi);
  const step = niceStep((hi - lo) / targetTicks);
  const min = Math.floor(lo / step + 1e-9) * step;
  let max = Math.ceil(hi / step - 1e-9) * step;
  // Headroom so that the top curve does not run along the frame; none for all-zero data.
  if (extent && extent.max > 0 && max - hi < 0.02 * (max - min)) max += step;
  return { label, scale: 'linear', min, max, ticks: steppedTicks(min, max, step) };
}

/** Values below TINY in magnitude count as zero, values beyond HUGE as ±HUGE (so that max − min is finite). */
function clampLinear(value: number): number {
  return Math.abs(value) < TINY ? 0 : Math.min(HUGE, Math.max(-HUGE, value));
}

function steppedTicks(min: number, max: number, step: number): Tick[] {
  const ticks: Tick[] = [];
  const first = Math.ceil(min / step - 1e-9);
  if (!(Math.floor(max / step + 1e-6) - first < MAX_TICKS)) return endTicks(min, max);
  const largest = Math.max(Math.abs(min), Math.abs(max));
  const scientific = largest >= 1e5 || Math.abs(step) < 1e-3;
  for (let k = first; k * step <= max + step * 1e-6; k++) {
    const value = Number((k * step).toPrecision(12));
    ticks.push({ value, label: formatNumber(value, step, scientific), major: true });
  }
  return ticks;
}

/** Labelled ticks at both ends only, for a range no round step divides into a sensible number of ticks. */
function endTicks(min: number, max: number): Tick[] {
  const step = Math.abs(max - min) || 1;
  return [min, max].map((value) => ({ value, label: formatNumber(value, step), major: true }));
}

/** Decade ticks (labelled 10ⁿ, thinned when there are many) and 2…9 minor ticks when there is room. */
function logTicks(min: number, max: number, plain: boolean): Tick[] {
  // Less than a decade (e.g. 1-2 h): decade ticks would leave the axis unlabelled; use round steps.
  if (plain && max / min < 10) return steppedTicks(min, max, niceStep((max - min) / 5));
  const first = Math.floor(Math.log10(min));
  const last = Math.ceil(Math.log10(max));
  const decades = Math.log10(max) - Math.log10(min); // max / min overflows beyond 10³⁰⁸
  const labelEvery = Math.max(1, Math.ceil(decades / 8));
  const labelMinor = plain && decades <= 3;
  // A minor tick's label keeps its mantissa (2×10⁻⁵, not 10⁻⁵).
  const label = (v: number, e: number) =>
    plain && e >= -3 && e <= 4
      ? String(Number(v.toPrecision(6)))
      : v === 10 ** e
        ? powerOfTen(e)
        : formatNumber(v, v);
  const ticks: Tick[] = [];
  for (let e = first; e <= last; e++) {
    const decade = 10 ** e;
    const within = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
    if (within(decade))
      ticks.push({ value: decade, label: e % labelEvery === 0 ? label(decade, e) : '', major: true });
    if (decades > 6) continue;
    for (let m = 2; m <= 9; m++) {
      const v = m * decade;
      if (!within(v)) continue;
      const labelled = labelMinor && (m === 2 || m === 5);
      ticks.push({ value: v, label: labelled ? label(v, e) : '', major: false });
    }
  }
  return ticks.sort((a, b) => a.value - b.value);
}

/** A log axis over whole decades covering the positive data above `floor`. */
export function logAxis(label: string, series: (number | null)[][], floor = 0): Axis {
  const extent = dataExtent(series, floor);
  if (!extent) return { label, scale: 'log', min: 1, max: 10, ticks: logTicks(1, 10, false) };
  const [lo, hi] = logBounds(extent.min, extent.max);
  const min = 10 ** Math.floor(Math.log10(lo) + 1e-9);
  let max = 10 ** Math.ceil(Math.log10(hi) - 1e-9);
  if (max <= min) max = min * 10;
  return { label, scale: 'log', min, max, ticks: logTicks(min, max, false) };
}

/**
 * Positive, finite log bounds within [TINY, HUGE] at least a factor 1 + 10⁻⁹ apart: `max` is kept where it
 * can be (the end of a run), `min` moved to a decade below it when it is not positive or not below `max`.
 */
function logBounds(min: number, max: number): [number, number] {
  if (!(max > 0 && max < Infinity)) return [1, 10];
  const hi = Math.min(HUGE, Math.max(10 * TINY, max));
  const lo = min > 0 && min < hi / (1 + 1e-9) ? Math.max(TINY, min) : hi / 10;
  return [lo, hi];
}

/** A log axis over [min, max] (e.g. ageing time), labelled with plain numbers where they are short. */
export function logRangeAxis(label: string, min: number, max: number): Axis {
  const [lo, hi] = logBounds(min, max);
  return { label, scale: 'log', min: lo, max: hi, ticks: logTicks(lo, hi, true) };
}

/** Position of `value` on an axis as a fraction 0…1 of its length (may fall outside for clipped data). */
export function axisFraction(axis: Axis, value: number): number {
  if (axis.scale === 'log') return Math.log(value / axis.min) / Math.log(axis.max / axis.min);
  return (value - axis.min) / (axis.max - axis.min);
}
