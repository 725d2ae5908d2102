// Parameters between bounds: unit coordinates and the prior density in them (with the Jacobian of a log
// scale), checked by sampling a prior alone.
import test from 'ava';
import { sampleEnsemble } from '../../src/calibrate/ensemble-sampler.js';
import { logPriorInUnit, unitOf, valueAt, type Parameter } from '../../src/calibrate/parameters.js';
import { createRandom } from '../../src/calibrate/random.js';
import { column, mean, variance } from '../../src/calibrate/statistics.js';

const logScaled: Parameter = { name: 'k', paths: ['/config/taylor_factor'], min: 0.5, max: 2, scale: 'log' };

test('unit coordinates: the bounds at 0 and 1, geometric midpoint for a log scale', (t) => {
  t.is(valueAt(logScaled, 0), 0.5);
  t.true(Math.abs(valueAt(logScaled, 1) - 2) < 1e-15);
  t.true(Math.abs(valueAt(logScaled, 0.5) - 1) < 1e-15);
  t.true(Math.abs(unitOf(logScaled, valueAt(logScaled, 0.3)) - 0.3) < 1e-15);
  const linear = { ...logScaled, scale: 'linear' as const };
  t.is(valueAt(linear, 0.5), 1.25);
  t.is(logPriorInUnit([linear], [1.01]), -Infinity);
  t.is(logPriorInUnit([linear], [0.7]), 0);
});

test('a normal prior on a log-scaled parameter is sampled as that normal in the value', async (t) => {
  const parameters = [{ ...logScaled, prior: { distribution: 'normal' as const, mean: 1, sd: 0.1 } }];
  const random = createRandom(9);
  const start = Array.from({ length: 8 }, () => [0.5 + 0.01 * random.normal()]);
  const chain = await sampleEnsemble(async (points) => points.map((u) => logPriorInUnit(parameters, u)), {
    random,
    start,
    steps: 4000,
    burnIn: 200,
  });
  const values = Array.from(column(chain.samples, 0), (u) => valueAt(logScaled, u));
  // Without the Jacobian the draws would follow N(1, 0.1)/v: mean ≈ 0.99, lower than 1 by a tenth of an sd.
  t.true(Math.abs(mean(values) - 1) < 0.006, `mean ${mean(values)}`);
  t.true(Math.abs(Math.sqrt(variance(values)) - 0.1) < 0.006, `sd ${Math.sqrt(variance(values))}`);
});
