// Calibration end to end on data the engine generated itself with known parameters and seeded noise:
// the posterior's 90 % intervals must contain the true values, and the best fit must reproduce the data.
import test from 'ava';
import { calibrate } from '../../src/calibrate/calibrate.js';
import { checkCalibration } from '../../src/calibrate/document.js';
import { observe } from '../../src/calibrate/observables.js';
import { createCalibrationPool, poolRunner } from '../../src/calibrate/pool-runner.js';
import { createRandom } from '../../src/calibrate/random.js';
import { runWith } from '../helpers/engine.js';

const TRUTH = { energy: 0.185, mobility: 2, sites: 0.3 };
const experiment = {
  composition: { MG: 0.5, SI: 0.435 },
  composition_unit: 'weight_percent',
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
  simulation_time_hours: 40,
};
const STRENGTH_HOURS = [0.5, 1, 2, 4, 8, 16, 24, 40];
const MICRO_HOURS = [1, 4, 16, 40];
const SD = { yield_strength_mpa: 0.03, number_density_per_m3: 0.1, mean_radius_nm: 0.05 };

/** The engine's own values at the truth, each with Gaussian noise of its sd (seeded). */
async function syntheticObservations() {
  const config = {
    interfacial_energy: { MGSI_B_P: TRUTH.energy },
    mobility_factor: { MG: TRUTH.mobility, SI: TRUTH.mobility },
    nucleation_site_factor: { MGSI_B_P: TRUTH.sites },
  };
  const result = await runWith('wasm', { ...experiment, phases: ['MGSI_B_P'], config });
  const at = [
    ...STRENGTH_HOURS.map((timeHours) => ({ timeHours, quantity: 'yield_strength_mpa' as const })),
    ...MICRO_HOURS.map((timeHours) => ({ timeHours, quantity: 'number_density_per_m3' as const })),
    ...MICRO_HOURS.map((timeHours) => ({ timeHours, quantity: 'mean_radius_nm' as const })),
  ];
  const { values } = observe(result, { at, curves: [], curveTimesHours: [], peaks: [] });
  const random = createRandom(2024);
  return at.map((o, i) => {
    const sd = SD[o.quantity] * values[i];
    return { time_hours: o.timeHours, [o.quantity]: values[i] + sd * random.normal(), sd };
  });
}

test('the 90 % intervals contain the true parameters of engine-generated data', async (t) => {
  const document = {
    base: { phases: ['MGSI_B_P'] },
    experiments: [{ name: 'synthetic', ...experiment, observations: await syntheticObservations() }],
    parameters: [
      { name: 'energy', path: '/config/interfacial_energy/MGSI_B_P', min: 0.15, max: 0.22 },
      {
        name: 'mobility',
        path: ['/config/mobility_factor/MG', '/config/mobility_factor/SI'],
        min: 0.2,
        max: 20,
        scale: 'log',
      },
      { name: 'sites', path: '/config/nucleation_site_factor/MGSI_B_P', min: 0.01, max: 1, scale: 'log' },
    ],
    method: { seed: 3, max_evaluations: 90, walkers: 8, steps: 30, burn_in: 20 },
  };
  const checked = checkCalibration(document);
  if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
  const pool = createCalibrationPool({ jobs: 2 });
  const phases = new Set<string>();
  const result = await calibrate(checked.plan, poolRunner(pool), {
    onProgress: (p) => phases.add(p.phase),
  }).finally(() => pool.close());
  t.deepEqual([...phases], ['optimise', 'sample']);
  const posterior = result.posterior!;
  t.is(posterior.samples, 8 * 30);
  const covered = Object.entries(TRUTH).filter(([name, truth]) => {
    const [low, high] = posterior.interval_90[name];
    t.log(
      `${name}: true ${truth}, best ${result.best.values[name].toPrecision(4)}, 90 % [${low.toPrecision(4)}, ${high.toPrecision(4)}]`,
    );
    return low <= truth && truth <= high;
  });
  t.true(covered.length >= 0.8 * 3, `${covered.length} of 3 intervals hold the truth`);
  // A fit as good as the noise: χ² per measurement of order 1.
  const n = document.experiments[0].observations.length;
  t.true(result.best.chi_squared < 3 * n, `χ² ${result.best.chi_squared} over ${n} measurements`);
  const [fit] = result.fit.per_experiment;
  const strength = fit.curves.find((c) => c.quantity === 'yield_strength_mpa')!;
  t.true(
    strength.band_5!.every(
      (low, i) => low <= strength.median![i] && strength.median![i] <= strength.band_95![i],
    ),
  );
  t.is(result.runs.failed, 0);
});
