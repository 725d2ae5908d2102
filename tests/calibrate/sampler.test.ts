// The ensemble sampler on a posterior that is known exactly: a correlated 2-D Gaussian.
import test from 'ava';
import { sampleEnsemble } from '../../src/calibrate/ensemble-sampler.js';
import { createRandom } from '../../src/calibrate/random.js';
import {
  centralInterval,
  column,
  correlationMatrix,
  mean,
  variance,
} from '../../src/calibrate/statistics.js';

const MEANS = [1, -2];
const SDS = [0.5, 3];
const RHO = 0.9;
const Z90 = 1.6448536269514722; // standard normal 95 % quantile

/** log N(x; MEANS, Σ) up to a constant, Σ = [[s1², ρ s1 s2], [ρ s1 s2, s2²]]. */
function logGauss(x: number[]): number {
  const a = (x[0] - MEANS[0]) / SDS[0];
  const b = (x[1] - MEANS[1]) / SDS[1];
  return -(a * a - 2 * RHO * a * b + b * b) / (2 * (1 - RHO * RHO));
}

async function run(seed: number, onBatch?: (size: number) => void) {
  const random = createRandom(seed);
  const start = Array.from({ length: 20 }, () => [random.normal() * 0.01, random.normal() * 0.01]);
  return sampleEnsemble(
    async (points) => {
      onBatch?.(points.length);
      return points.map(logGauss);
    },
    { random, start, steps: 4000, burnIn: 500 },
  );
}

test('means, variances, correlation and 90 % intervals match the Gaussian within Monte-Carlo error', async (t) => {
  const chain = await run(11);
  t.is(chain.samples.length, 4000 * 20);
  // ~80 000 draws with autocorrelation times of a few tens: a few thousand independent ones, so the
  // standard error of a mean is ~0.02 sd; the tolerances are ~5 of them.
  for (let j = 0; j < 2; j++) {
    const c = column(chain.samples, j);
    t.true(Math.abs(mean(c) - MEANS[j]) < 0.1 * SDS[j], `mean ${j}: ${mean(c)}`);
    t.true(Math.abs(Math.sqrt(variance(c)) / SDS[j] - 1) < 0.08, `sd ${j}: ${Math.sqrt(variance(c))}`);
    const interval = centralInterval(c, 0.9);
    t.true(Math.abs(interval.low - (MEANS[j] - Z90 * SDS[j])) < 0.15 * SDS[j], `low ${j}: ${interval.low}`);
    t.true(
      Math.abs(interval.high - (MEANS[j] + Z90 * SDS[j])) < 0.15 * SDS[j],
      `high ${j}: ${interval.high}`,
    );
  }
  const rho = correlationMatrix(chain.samples)[0][1];
  t.true(Math.abs(rho - RHO) < 0.03, `correlation ${rho}`);
  t.true(chain.acceptanceFraction > 0.2 && chain.acceptanceFraction < 0.9, `${chain.acceptanceFraction}`);
});

test('each half of the ensemble is proposed as one batch, and a seed reproduces the chain', async (t) => {
  const sizes = new Set<number>();
  const a = await run(5, (size) => sizes.add(size));
  const b = await run(5);
  t.deepEqual(
    [...sizes].sort((x, y) => x - y),
    [10, 20],
  ); // the start, then halves
  t.deepEqual(a.samples.slice(-40), b.samples.slice(-40));
  const c = await run(6);
  t.notDeepEqual(a.samples.slice(-40), c.samples.slice(-40));
});

test('walkers never leave the support of a bounded density', async (t) => {
  const random = createRandom(3);
  const start = Array.from({ length: 8 }, () => [0.4 + 0.2 * random.uniform(), 0.4 + 0.2 * random.uniform()]);
  const inBox = (x: number[]) => x.every((v) => v >= 0 && v <= 1);
  const chain = await sampleEnsemble(async (points) => points.map((x) => (inBox(x) ? 0 : -Infinity)), {
    random,
    start,
    steps: 2000,
  });
  t.true(chain.samples.every(inBox));
  // uniform on the square: mean 0.5, variance 1/12
  const c = column(chain.samples, 0);
  t.true(
    Math.abs(mean(c) - 0.5) < 0.03 && Math.abs(variance(c) - 1 / 12) < 0.01,
    `${mean(c)} ${variance(c)}`,
  );
});

test('an ensemble smaller than twice the dimension is refused', async (t) => {
  const random = createRandom(1);
  await t.throwsAsync(
    sampleEnsemble(async (p) => p.map(() => 0), { random, start: [[0, 0, 0]], steps: 1 }),
    {
      message: /even number of walkers, at least 2 × 3/,
    },
  );
});
