// The calibration's result document: the best fit (values, and the request config they give), the
// posterior (medians, 90 % intervals, correlations, draws), and the fit per experiment with its curves and
// their 5-95 % prediction bands (the spread of the model curve over the posterior).
import type { Observable, PeakQuantity } from '../request/calibration-schema.js';
import type { SimulationConfig } from '../request/validate.js';
import type { Chain } from './ensemble-sampler.js';
import type { MinimizeResult } from './nelder-mead.js';
import {
  isLogScale,
  peakTimeResidual,
  residual,
  type CalibrationObjective,
  type Evaluation,
} from './objective.js';
import type { ObservedRun } from './observables.js';
import { valuesAt } from './parameters.js';
import type { ObservationRunner } from './runner.js';
import { centralInterval, column, correlationMatrix, quantile } from './statistics.js';

export interface CurveFit {
  quantity: Observable;
  phase?: string;
  time_hours: number[];
  best: number[];
  /** 5 %, 50 % and 95 % of the posterior's curves at each time (null without sampling). */
  band_5: number[] | null;
  median: number[] | null;
  band_95: number[] | null;
}

/** A measured time to peak against the best fit's (the time of its maximum over the run's rows). */
export interface PeakTimeFit {
  quantity: PeakQuantity;
  measured_time_hours: number;
  sd_factor: number;
  model_time_hours: number;
  /** false: the model's curve still rises at the run's end (model_time_hours is that end). */
  reached: boolean;
  residual: number;
}

export interface ExperimentFit {
  name: string;
  source?: string;
  /** Over the observations and the times to peak. */
  chi_squared: number;
  rms: Record<string, number>;
  observations: {
    time_hours: number;
    quantity: Observable;
    phase?: string;
    measured: number;
    sd: number;
    model: number;
    residual: number;
  }[];
  curves: CurveFit[];
  /** Measured times to peak (not in rms). */
  peak_times: PeakTimeFit[];
  /** For strength and hardness: the measured peak and the best fit's (on the curve's times). */
  peaks: {
    quantity: Observable;
    measured_time_hours: number;
    model_time_hours: number;
    measured: number;
    model: number;
  }[];
}

export interface Posterior {
  samples: number;
  walkers: number;
  steps: number;
  acceptance_fraction: number;
  median: Record<string, number>;
  interval_90: Record<string, [number, number]>;
  correlation: { paths: string[]; matrix: number[][] };
  /** Up to MAX_DRAWS posterior samples (parameter values, in the parameters' order), for corner plots. */
  draws: number[][];
}

export interface CalibrationResult {
  best: {
    values: Record<string, number>;
    request_config: SimulationConfig;
    chi_squared: number;
    evaluations: number;
    restarts: number;
  };
  posterior: Posterior | null;
  fit: { rms: Record<string, number>; per_experiment: ExperimentFit[] };
  runs: { total: number; failed: number; seconds: number; runs_per_second: number; engine_seconds: number };
}

export interface SummaryInput {
  objective: CalibrationObjective;
  best: MinimizeResult & { evaluation: Evaluation };
  chain: Chain | undefined;
  /** Each sampled point's runs, by its coordinates joined. */
  seen: Map<string, (ObservedRun | undefined)[]>;
  runner: ObservationRunner;
  seconds: number;
}

const MAX_DRAWS = 2000;
/** The rms key of a quantity: number densities are compared as log10(model / measured). */
const rmsKey = (q: Observable) => (isLogScale(q) ? `${q}_log10` : q);

function rmsOf(pairs: { quantity: Observable; measured: number; model: number }[]): Record<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const p of pairs) {
    const d = isLogScale(p.quantity) ? Math.log10(Math.max(p.model, 1) / p.measured) : p.model - p.measured;
    const s = sums.get(rmsKey(p.quantity)) ?? { sum: 0, n: 0 };
    sums.set(rmsKey(p.quantity), { sum: s.sum + d * d, n: s.n + 1 });
  }
  return Object.fromEntries([...sums].map(([k, s]) => [k, Math.sqrt(s.sum / s.n)]));
}

function argmax(values: number[]): number {
  let at = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[at]) at = i;
  return at;
}

function peaksOf(fit: Omit<ExperimentFit, 'peaks'>): ExperimentFit['peaks'] {
  return fit.curves
    .filter((c) => c.quantity === 'yield_strength_mpa' || c.quantity === 'hardness_hv')
    .filter((c) => fit.observations.some((o) => o.quantity === c.quantity))
    .map((c) => {
      const measured = fit.observations.filter((o) => o.quantity === c.quantity);
      const top = measured[argmax(measured.map((o) => o.measured))];
      const at = argmax(c.best);
      return {
        quantity: c.quantity,
        measured_time_hours: top.time_hours,
        model_time_hours: c.time_hours[at],
        measured: top.measured,
        model: c.best[at],
      };
    });
}

/** Quantiles over the posterior's curves, time by time. */
function bands(curves: number[][]): Pick<CurveFit, 'band_5' | 'median' | 'band_95'> {
  if (curves.length === 0) return { band_5: null, median: null, band_95: null };
  const at = (q: number) =>
    curves[0].map((_, t) =>
      quantile(
        curves.map((c) => c[t]),
        q,
      ),
    );
  return { band_5: at(0.05), median: at(0.5), band_95: at(0.95) };
}

function experimentFit(input: SummaryInput, i: number, posteriorRuns: ObservedRun[][]): ExperimentFit {
  const { objective } = input;
  const e = objective.plan.experiments[i];
  const spec = objective.specs[i];
  const run = input.best.evaluation.runs[i];
  const observations = e.observations.map((o, j) => {
    const model = run?.values[j] ?? NaN;
    return {
      time_hours: o.timeHours,
      quantity: o.quantity,
      ...(o.phase && { phase: o.phase }),
      measured: o.value,
      sd: o.sd,
      model,
      residual: residual(o, model),
    };
  });
  const curves = spec.curves.map((c, k) => ({
    ...c,
    time_hours: spec.curveTimesHours,
    best: run?.curves[k] ?? [],
    ...bands(posteriorRuns.map((runs) => runs[i].curves[k])),
  }));
  const peakTimes = e.peakTimes.map((p, k) => {
    const peak = run?.peaks[k] ?? { timeHours: NaN, reached: false };
    return {
      quantity: p.quantity,
      measured_time_hours: p.timeHours,
      sd_factor: p.sdFactor,
      model_time_hours: peak.timeHours,
      reached: peak.reached,
      residual: peakTimeResidual(p, peak.timeHours),
    };
  });
  const chi = [...observations, ...peakTimes].reduce((s, o) => s + o.residual ** 2, 0);
  const fit = {
    name: e.name,
    ...(e.source && { source: e.source }),
    chi_squared: chi,
    rms: rmsOf(observations),
    observations,
    curves,
    peak_times: peakTimes,
  };
  return { ...fit, peaks: peaksOf(fit) };
}

function posteriorOf(input: SummaryInput, chain: Chain): Posterior {
  const { parameters } = input.objective.plan;
  const paths = parameters.map((p) => p.name);
  const values = chain.samples.map((u) => valuesAt(parameters, u));
  const stride = Math.max(1, Math.ceil(values.length / MAX_DRAWS));
  return {
    samples: values.length,
    walkers: chain.walkers,
    steps: values.length / chain.walkers,
    acceptance_fraction: chain.acceptanceFraction,
    median: Object.fromEntries(paths.map((p, j) => [p, quantile(column(values, j), 0.5)])),
    interval_90: Object.fromEntries(
      paths.map((p, j) => {
        const interval = centralInterval(column(values, j), 0.9);
        return [p, [interval.low, interval.high]];
      }),
    ),
    correlation: { paths, matrix: correlationMatrix(values) },
    draws: values.filter((_, k) => k % stride === 0),
  };
}

export function summarize(input: SummaryInput): CalibrationResult {
  const { objective, best, chain, runner } = input;
  const { parameters, experiments } = objective.plan;
  const bestValues = valuesAt(parameters, best.x);
  const posteriorRuns = (chain?.samples ?? [])
    .map((u) => input.seen.get(u.join()))
    .filter((runs): runs is ObservedRun[] => !!runs && runs.every((r) => r !== undefined));
  const perExperiment = experiments.map((_, i) => experimentFit(input, i, posteriorRuns));
  const { stats } = runner;
  return {
    best: {
      values: Object.fromEntries(parameters.map((p, j) => [p.name, bestValues[j]])),
      request_config: objective.requestsWith(bestValues)[0].config,
      chi_squared: best.evaluation.chiSquared,
      evaluations: best.evaluations,
      restarts: best.restarts,
    },
    posterior: chain ? posteriorOf(input, chain) : null,
    fit: { rms: rmsOf(perExperiment.flatMap((e) => e.observations)), per_experiment: perExperiment },
    runs: {
      total: stats.runs,
      failed: stats.failures,
      seconds: input.seconds,
      runs_per_second: stats.runs / input.seconds,
      engine_seconds: stats.engineMs / 1000,
    },
  };
}
