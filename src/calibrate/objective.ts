// The fit's objective: for parameter values (unit coordinates), every experiment's request with them set,
// run, and compared with its measurements by weighted least squares (residuals over the sd; number
// densities on a log scale, their sd taken as relative; a time to peak as ln(model / measured) over
// ln(sd_factor)). −½χ² plus the prior is the log posterior.
import type { Observable } from '../request/calibration-schema.js';
import { normalizeRequest } from '../request/normalize.js';
import { setPointer } from '../request/pointer.js';
import type { SimulationRequest } from '../request/validate.js';
import type { CalibrationPlan, Experiment, Observation, PeakTime } from './document.js';
import type { CurveSpec, ObservableSpec, ObservedRun } from './observables.js';
import { logPriorInUnit, valuesAt } from './parameters.js';
import type { ObservationRunner } from './runner.js';

export interface Evaluation {
  chiSquared: number;
  logPosterior: number;
  /** Per experiment (undefined: the run failed). */
  runs: (ObservedRun | undefined)[];
}

/** Points of each reported curve, log-spaced in time. */
export const CURVE_POINTS = 120;
/** The smallest model value a log-scale residual takes (a run with no precipitates at all). */
const LOG_FLOOR = 1;

export function isLogScale(q: Observable): boolean {
  return q === 'number_density_per_m3';
}

/** The weighted residual of one measurement. */
export function residual(o: Observation, model: number): number {
  if (isLogScale(o.quantity)) return Math.log(Math.max(model, LOG_FLOOR) / o.value) / (o.sd / o.value);
  return (model - o.value) / o.sd;
}

/** The weighted residual of a measured time to peak, the model's peak at modelHours. */
export function peakTimeResidual(p: PeakTime, modelHours: number): number {
  return Math.log(modelHours / p.timeHours) / Math.log(p.sdFactor);
}

function curveSpecs(e: Experiment): CurveSpec[] {
  const seen = new Map<string, CurveSpec>();
  for (const o of e.observations)
    seen.set(`${o.quantity}|${o.phase ?? ''}`, { quantity: o.quantity, ...(o.phase && { phase: o.phase }) });
  for (const p of e.peakTimes) seen.set(`${p.quantity}|`, { quantity: p.quantity });
  return [...seen.values()];
}

/** Log-spaced times from a third of the first measurement's (at least 36 s) to the run's end. */
export function curveTimes(e: Experiment): number[] {
  const end = e.raw.simulation_time_hours;
  const first = Math.min(...e.observations.map((o) => o.timeHours).filter((t) => t > 0), end);
  const start = Math.min(Math.max(first / 3, 0.01), end / 10);
  const ratio = Math.log(end / start);
  return Array.from({ length: CURVE_POINTS }, (_, i) => start * Math.exp((ratio * i) / (CURVE_POINTS - 1)));
}

export function specOf(e: Experiment): ObservableSpec {
  return {
    at: e.observations.map((o) => ({
      timeHours: o.timeHours,
      quantity: o.quantity,
      ...(o.phase && { phase: o.phase }),
    })),
    curves: curveSpecs(e),
    curveTimesHours: curveTimes(e),
    peaks: e.peakTimes.map((p) => ({ quantity: p.quantity })),
  };
}

export class CalibrationObjective {
  readonly specs: ObservableSpec[];
  constructor(
    readonly plan: CalibrationPlan,
    private readonly runner: ObservationRunner,
  ) {
    this.specs = plan.experiments.map(specOf);
  }

  /** Each experiment's request with the parameters at these values (not unit coordinates). */
  requestsWith(values: number[]): SimulationRequest[] {
    return this.plan.experiments.map((e) => {
      const raw = structuredClone(e.raw);
      this.plan.parameters.forEach((p, i) => p.paths.forEach((path) => setPointer(raw, path, values[i])));
      return normalizeRequest(raw);
    });
  }

  chiSquared(runs: (ObservedRun | undefined)[]): number {
    let sum = 0;
    this.plan.experiments.forEach((e, i) => {
      const run = runs[i];
      if (!run) return (sum = Infinity);
      e.observations.forEach((o, j) => (sum += residual(o, run.values[j]) ** 2));
      e.peakTimes.forEach((p, k) => (sum += peakTimeResidual(p, run.peaks[k].timeHours) ** 2));
    });
    return Number.isFinite(sum) ? sum : Infinity;
  }

  /** Evaluates a batch of points (unit coordinates) with all their runs in one batch of the runner. */
  async evaluate(points: number[][]): Promise<Evaluation[]> {
    const { parameters, experiments } = this.plan;
    const inside = points.map((u) => logPriorInUnit(parameters, u));
    const tasks = points.flatMap((u, k) =>
      Number.isFinite(inside[k])
        ? this.requestsWith(valuesAt(parameters, u)).map((request, i) => ({ request, spec: this.specs[i] }))
        : [],
    );
    const results = await this.runner.run(tasks);
    let next = 0;
    return points.map((_, k) => {
      if (!Number.isFinite(inside[k])) return { chiSquared: Infinity, logPosterior: -Infinity, runs: [] };
      const runs = results.slice(next, (next += experiments.length));
      const chiSquared = this.chiSquared(runs);
      return { chiSquared, logPosterior: -0.5 * chiSquared + inside[k], runs };
    });
  }
}
