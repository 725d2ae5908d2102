// A calibration from its plan: the best fit (bounded Nelder-Mead on −2 ln posterior), then the posterior
// (the ensemble sampler started in a small ball around the best fit), then the summary (summary.ts).
import type { CalibrationPlan } from './document.js';
import { sampleEnsemble, type Chain } from './ensemble-sampler.js';
import { minimizeInUnitCube } from './nelder-mead.js';
import { CalibrationObjective, type Evaluation } from './objective.js';
import type { ObservedRun } from './observables.js';
import { startInUnit } from './parameters.js';
import { createRandom, type Random } from './random.js';
import type { ObservationRunner } from './runner.js';
import { summarize, type CalibrationResult } from './summary.js';

export interface CalibrationProgress {
  phase: 'optimise' | 'sample';
  done: number;
  total: number;
  runs: number;
  bestChiSquared: number;
}

export interface CalibrateOptions {
  onProgress?: (p: CalibrationProgress) => void;
  signal?: AbortSignal;
}

/** Relative spread of the walkers' start around the best fit, in unit coordinates. */
const START_BALL = 0.02;

class Cancelled extends Error {}

/** A ball of walkers around u (inside the cube; a coordinate pushed past a face is redrawn inside it). */
function ball(u: number[], walkers: number, random: Random): number[][] {
  return Array.from({ length: walkers }, () =>
    u.map((c) => {
      const v = c + START_BALL * random.normal();
      if (v < 0) return START_BALL * random.uniform();
      if (v > 1) return 1 - START_BALL * random.uniform();
      return v;
    }),
  );
}

async function startingEnsemble(
  objective: CalibrationObjective,
  best: number[],
  walkers: number,
  random: Random,
) {
  let start = ball(best, walkers, random);
  const evaluations = await objective.evaluate(start);
  for (let attempt = 0; attempt < 5 && evaluations.some((e) => !Number.isFinite(e.logPosterior)); attempt++) {
    const bad = evaluations.flatMap((e, k) => (Number.isFinite(e.logPosterior) ? [] : [k]));
    const redrawn = ball(best, bad.length, random);
    const again = await objective.evaluate(redrawn);
    bad.forEach((k, i) => ((start[k] = redrawn[i]), (evaluations[k] = again[i])));
  }
  if (evaluations.some((e) => !Number.isFinite(e.logPosterior))) {
    throw new Error(
      'runs near the best fit keep failing: the sampler cannot start (narrow the parameter bounds)',
    );
  }
  start = start.map((x) => [...x]);
  return { start, evaluations };
}

export async function calibrate(
  plan: CalibrationPlan,
  runner: ObservationRunner,
  options: CalibrateOptions = {},
): Promise<CalibrationResult> {
  const startedMs = performance.now();
  const objective = new CalibrationObjective(plan, runner);
  const { method } = plan;
  const random = createRandom(method.seed);
  const dim = plan.parameters.length;
  const report = (phase: CalibrationProgress['phase'], done: number, total: number, best: number) => {
    if (options.signal?.aborted) throw new Cancelled();
    options.onProgress?.({ phase, done, total, runs: runner.stats.runs, bestChiSquared: best });
  };
  const best = await minimizeInUnitCube(
    async (points) => (await objective.evaluate(points)).map((e) => -2 * e.logPosterior),
    dim,
    {
      random,
      maxEvaluations: method.maxEvaluations,
      start: startInUnit(plan.parameters),
      // A run's χ² varies by ~1e-4 of itself under tiny parameter changes (its adaptive steps): converging
      // further only polishes that noise, and the budget left goes to searches from other starts.
      fTolerance: 1e-4,
      xTolerance: 1e-3,
      onProgress: (done, value) => report('optimise', done, method.maxEvaluations, value),
    },
  );
  const [bestEvaluation] = await objective.evaluate([best.x]);
  let chain: Chain | undefined;
  const seen = new Map<string, (ObservedRun | undefined)[]>();
  if (method.steps > 0) {
    const { start, evaluations } = await startingEnsemble(objective, best.x, method.walkers, random);
    start.forEach((u, k) => seen.set(u.join(), evaluations[k].runs));
    const logDensity = async (points: number[][]) => {
      const batch: Evaluation[] = await objective.evaluate(points);
      points.forEach((u, k) => seen.set(u.join(), batch[k].runs));
      return batch.map((e) => e.logPosterior);
    };
    chain = await sampleEnsemble(logDensity, {
      random,
      start,
      startLogDensity: evaluations.map((e) => e.logPosterior),
      steps: method.steps,
      burnIn: method.burnIn,
      onStep: (step, total) => report('sample', step, total, best.value),
    });
  }
  const seconds = (performance.now() - startedMs) / 1000;
  return summarize({
    objective,
    best: { ...best, evaluation: bestEvaluation },
    chain,
    seen,
    runner,
    seconds,
  });
}

export { Cancelled as CalibrationCancelled };
