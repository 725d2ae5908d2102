// An affine-invariant ensemble MCMC sampler: the stretch move of Goodman & Weare (2010), in the parallel
// form of Foreman-Mackey et al. (2013) — the ensemble is split in two halves and each half moves against
// the other, so a half's proposals are independent and go to the evaluator as one batch.
import type { BatchFunction } from './batch.js';
import type { Random } from './random.js';

export interface SamplerOptions {
  random: Random;
  /** Starting positions, one per walker (an even number, at least 2·dim); their log densities must be finite. */
  start: number[][];
  /** Steps of the whole ensemble kept after burn-in. */
  steps: number;
  /** Steps discarded first (default 0). */
  burnIn?: number;
  /** The start's log densities, when the caller has them already (else they are evaluated). */
  startLogDensity?: number[];
  /** Stretch scale a > 1 (default 2). */
  stretch?: number;
  /** Called after every ensemble step (burn-in included). */
  onStep?: (step: number, totalSteps: number, chain: Chain) => void | boolean | Promise<void | boolean>;
}

export interface Chain {
  /** Kept samples, walker-major within each step: samples[step * walkers + k]. */
  samples: number[][];
  logDensity: number[];
  walkers: number;
  /** Accepted over proposed moves, burn-in included. */
  acceptanceFraction: number;
  /** Ensemble steps taken (false from onStep stops early). */
  stepsTaken: number;
}

/** z with density ∝ 1/√z on [1/a, a] (Goodman & Weare eq. 9), by inverting its distribution function. */
function stretchFactor(random: Random, a: number): number {
  const u = (a - 1) * random.uniform() + 1;
  return (u * u) / a;
}

function checkStart(start: number[][]): void {
  const walkers = start.length;
  const dim = start[0]?.length ?? 0;
  if (dim === 0 || walkers % 2 !== 0 || walkers < 2 * dim)
    throw new Error(`the sampler needs an even number of walkers, at least 2 × ${dim}; got ${walkers}`);
}

/** Samples the density exp(logDensity); logDensity returns -Infinity outside the support. */
export async function sampleEnsemble(logDensity: BatchFunction, options: SamplerOptions): Promise<Chain> {
  checkStart(options.start);
  const { random } = options;
  const a = options.stretch ?? 2;
  const positions = options.start.map((x) => [...x]);
  const walkers = positions.length;
  const dim = positions[0].length;
  const half = walkers / 2;
  const current = options.startLogDensity ? [...options.startLogDensity] : await logDensity(positions);
  if (!current.every(Number.isFinite))
    throw new Error('every walker must start where the density is positive');
  const burnIn = options.burnIn ?? 0;
  const total = burnIn + options.steps;
  const chain: Chain = { samples: [], logDensity: [], walkers, acceptanceFraction: 0, stepsTaken: 0 };
  let accepted = 0;
  for (let step = 0; step < total; step++) {
    for (const first of [0, half]) {
      const other = first === 0 ? half : 0;
      const z: number[] = [];
      const proposals: number[][] = [];
      for (let k = first; k < first + half; k++) {
        const partner = positions[other + random.integer(half)];
        const zk = stretchFactor(random, a);
        z.push(zk);
        proposals.push(partner.map((p, j) => p + zk * (positions[k][j] - p)));
      }
      const proposed = await logDensity(proposals);
      for (let i = 0; i < half; i++) {
        const k = first + i;
        const logRatio = (dim - 1) * Math.log(z[i]) + proposed[i] - current[k];
        if (Number.isNaN(proposed[i]) || !(Math.log(random.uniform()) < logRatio)) continue;
        positions[k] = proposals[i];
        current[k] = proposed[i];
        accepted++;
      }
    }
    if (step >= burnIn) {
      for (let k = 0; k < walkers; k++) {
        chain.samples.push([...positions[k]]);
        chain.logDensity.push(current[k]);
      }
    }
    chain.stepsTaken = step + 1;
    chain.acceptanceFraction = accepted / (chain.stepsTaken * walkers);
    if ((await options.onStep?.(step + 1, total, chain)) === false) break;
  }
  return chain;
}
