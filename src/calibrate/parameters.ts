// A calibration's parameters between their bounds: unit coordinates (what the optimiser and the sampler
// move in: linear, or linear in the logarithm for scale "log") and the prior density in those coordinates.

export interface Prior {
  distribution: 'normal' | 'lognormal';
  /** normal: the mean value; lognormal: the median value. */
  mean: number;
  /** normal: in the value's unit; lognormal: of ln(value). */
  sd: number;
}

export interface Parameter {
  /** Key in the results: the name given, or the path (paths joined by ","). */
  name: string;
  /** JSON pointers into each experiment's request, all set to the parameter's value. */
  paths: string[];
  min: number;
  max: number;
  scale: 'linear' | 'log';
  prior?: Prior;
  /** A value the optimiser starts from (with its design); parameters without one start at their centre. */
  start?: number;
}

/** The field of a parameter whose bounds are wrong, and why; undefined when they are fine. */
export function checkParameterBounds(p: Parameter): { field: string; message: string } | undefined {
  if (!(p.max > p.min)) return { field: 'max', message: `must be greater than min (${p.min})` };
  if (p.scale === 'log' && !(p.min > 0))
    return { field: 'min', message: 'must be positive with scale "log"' };
  if (p.prior?.distribution === 'lognormal' && !(p.min > 0 && p.prior.mean > 0))
    return { field: 'prior', message: 'a lognormal prior needs a positive mean and min' };
  if (p.start !== undefined && !(p.start >= p.min && p.start <= p.max))
    return { field: 'start', message: `must be between min (${p.min}) and max (${p.max})` };
  return undefined;
}

/** The parameter's value at unit coordinate u ∈ [0, 1]. */
export function valueAt(p: Parameter, u: number): number {
  if (p.scale === 'log') return Math.exp(Math.log(p.min) + u * (Math.log(p.max) - Math.log(p.min)));
  return p.min + u * (p.max - p.min);
}

/** The unit coordinate of a value (the inverse of valueAt). */
export function unitOf(p: Parameter, value: number): number {
  if (p.scale === 'log') return (Math.log(value) - Math.log(p.min)) / (Math.log(p.max) - Math.log(p.min));
  return (value - p.min) / (p.max - p.min);
}

/** The optimiser's starting point in unit coordinates: undefined unless some parameter gives a start. */
export function startInUnit(parameters: Parameter[]): number[] | undefined {
  if (parameters.every((p) => p.start === undefined)) return undefined;
  return parameters.map((p) => (p.start === undefined ? 0.5 : unitOf(p, p.start)));
}

export const valuesAt = (parameters: Parameter[], u: number[]) => parameters.map((p, i) => valueAt(p, u[i]));

/**
 * ln of the prior density in unit coordinates, up to a constant: -Infinity outside the cube; 0 inside
 * without a prior (uniform in the scale); with one, ln p(value) + ln |dvalue/du|.
 */
export function logPriorInUnit(parameters: Parameter[], u: number[]): number {
  let sum = 0;
  for (let i = 0; i < parameters.length; i++) {
    const ui = u[i];
    if (!(ui >= 0 && ui <= 1)) return -Infinity;
    const p = parameters[i];
    if (!p.prior) continue;
    const v = valueAt(p, ui);
    const jacobian = p.scale === 'log' ? Math.log(v) : 0;
    const z =
      p.prior.distribution === 'normal'
        ? (v - p.prior.mean) / p.prior.sd
        : Math.log(v / p.prior.mean) / p.prior.sd;
    const lognormalDensity = p.prior.distribution === 'lognormal' ? -Math.log(v) : 0;
    sum += -0.5 * z * z + lognormalDensity + jacobian;
  }
  return sum;
}
