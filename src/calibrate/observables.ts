// What a run predicts for a measurement: the quantity at the measurement's time, linearly interpolated
// between the recorded rows. Microstructure quantities are of every phase together unless the measurement
// names one (number densities and volume fractions add up; the mean radius is number-weighted). A time to
// peak is the time of the curve's maximum over the run's rows, refined by a parabola in ln t.
import type { EngineSeries, SimulationResult, StrengthSeries } from '../engine/index.js';
import type { Observable } from '../request/calibration-schema.js';

/** One curve of a run the fit compares against data: a quantity, of one phase or of all. */
export interface CurveSpec {
  quantity: Observable;
  phase?: string;
}

export interface ObservableSpec {
  /** The measurements' times and quantities. */
  at: (CurveSpec & { timeHours: number })[];
  /** The curves to report (best fit, prediction bands), on these times. */
  curves: CurveSpec[];
  curveTimesHours: number[];
  /** The curves whose time to peak is measured. */
  peaks: CurveSpec[];
}

/** The model's time to peak: `reached` false when the curve still rises at the run's end (the time is
 * then the end, a lower bound). */
export interface ModelPeak {
  timeHours: number;
  reached: boolean;
}

export interface ObservedRun {
  /** The model's value at each of spec.at. */
  values: number[];
  /** Each of spec.curves at spec.curveTimesHours. */
  curves: number[][];
  /** The time to peak of each of spec.peaks. */
  peaks: ModelPeak[];
}

/** A quantity's recorded column (one value per row). */
function columnOf(series: EngineSeries, strength: StrengthSeries, spec: CurveSpec): ArrayLike<number> {
  const { quantity } = spec;
  if (quantity === 'yield_strength_mpa') return strength.totalYieldStrengthMPa;
  if (quantity === 'hardness_hv') return strength.hardnessHV;
  const phases = series.phases.filter((p) => !spec.phase || p.name === spec.phase);
  const out = new Float64Array(series.length);
  for (let i = 0; i < series.length; i++) {
    let density = 0;
    let weighted = 0;
    let fraction = 0;
    for (const p of phases) {
      density += p.numberDensityPerM3[i];
      weighted += p.numberDensityPerM3[i] * p.meanRadiusM[i];
      fraction += p.volumeFraction[i];
    }
    if (quantity === 'number_density_per_m3') out[i] = density;
    else if (quantity === 'volume_fraction') out[i] = fraction;
    else out[i] = density > 0 ? (weighted / density) * 1e9 : 0;
  }
  return out;
}

/** Linear interpolation of a column at each time (s), rows sorted by time; held flat past either end. */
export function interpolateAt(timeS: ArrayLike<number>, column: ArrayLike<number>, atS: number[]): number[] {
  const n = timeS.length;
  return atS.map((t) => {
    if (t <= timeS[0]) return column[0];
    if (t >= timeS[n - 1]) return column[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (timeS[mid] <= t) lo = mid;
      else hi = mid;
    }
    const w = (t - timeS[lo]) / (timeS[hi] - timeS[lo]);
    return column[lo] + w * (column[hi] - column[lo]);
  });
}

/** The vertex of the parabola through three points (x1 the middle one), kept within [x0, x2]. */
function vertexX(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): number {
  const a = (x1 - x0) * (y1 - y2);
  const b = (x1 - x2) * (y1 - y0);
  if (a === b) return x1;
  const x = x1 - (0.5 * ((x1 - x0) * a - (x1 - x2) * b)) / (a - b);
  return Math.min(Math.max(x, x0), x2);
}

/** The time (h) of a column's maximum over the rows after t = 0, between rows by a parabola in ln t. A
 * maximum on the first of them is placed there (an upper bound); on the last, the peak is not reached. */
export function peakTimeOf(timeS: ArrayLike<number>, column: ArrayLike<number>): ModelPeak {
  let first = 0;
  while (first < timeS.length - 1 && timeS[first] <= 0) first++;
  let at = first;
  for (let i = first + 1; i < timeS.length; i++) if (column[i] > column[at]) at = i;
  const last = timeS.length - 1;
  if (at === last) return { timeHours: timeS[last] / 3600, reached: false };
  if (at === first) return { timeHours: timeS[first] / 3600, reached: true };
  const [x0, x1, x2] = [Math.log(timeS[at - 1]), Math.log(timeS[at]), Math.log(timeS[at + 1])];
  const x = vertexX(x0, column[at - 1], x1, column[at], x2, column[at + 1]);
  return { timeHours: Math.exp(x) / 3600, reached: true };
}

const keyOf = (c: CurveSpec) => `${c.quantity}|${c.phase ?? ''}`;

export function observe(result: SimulationResult, spec: ObservableSpec): ObservedRun {
  const { series, strength } = result;
  const columns = new Map<string, ArrayLike<number>>();
  const column = (c: CurveSpec) => {
    const key = keyOf(c);
    if (!columns.has(key)) columns.set(key, columnOf(series, strength, c));
    return columns.get(key)!;
  };
  const values = spec.at.map((o) => interpolateAt(series.timeS, column(o), [o.timeHours * 3600])[0]);
  const curveS = spec.curveTimesHours.map((h) => h * 3600);
  const curves = spec.curves.map((c) => interpolateAt(series.timeS, column(c), curveS));
  const peaks = spec.peaks.map((c) => peakTimeOf(series.timeS, column(c)));
  return { values, curves, peaks };
}
