// A calibration gives the same numbers whether its runs go to worker threads or run in this thread (the
// page's Web Worker path), and the same seed gives the same result.
import test from 'ava';
import { calibrate } from '../../src/calibrate/calibrate.js';
import { checkCalibration } from '../../src/calibrate/document.js';
import { createCalibrationPool, poolRunner } from '../../src/calibrate/pool-runner.js';
import { inlineRunner } from '../../src/calibrate/runner.js';
import { loadEngineDeps } from '../../src/runtime/node.js';

const doc = {
  base: { phases: ['MGSI_B_P'] },
  experiments: [
    {
      name: 'short',
      composition: { MG: 0.5, SI: 0.435 },
      composition_unit: 'weight_percent',
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
      observations: [
        { time_hours: 1, yield_strength_mpa: 45, sd: 5 },
        { time_hours: 4, yield_strength_mpa: 115, sd: 5 },
        { time_hours: 4, number_density_per_m3: 2e22 },
      ],
    },
  ],
  parameters: [
    { name: 'energy', path: '/config/interfacial_energy/MGSI_B_P', min: 0.15, max: 0.22 },
    { name: 'sites', path: '/config/nucleation_site_factor/MGSI_B_P', min: 0.01, max: 1, scale: 'log' },
  ],
  method: { seed: 8, max_evaluations: 16, walkers: 4, steps: 3, burn_in: 1 },
};

test('worker threads and this thread give the same result, bit for bit', async (t) => {
  const checked = checkCalibration(doc);
  if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
  const inline = await calibrate(checked.plan, inlineRunner(await loadEngineDeps('wasm')));
  const pool = createCalibrationPool({ jobs: 2 });
  const pooled = await calibrate(checked.plan, poolRunner(pool)).finally(() => pool.close());
  t.deepEqual(pooled.best, inline.best);
  t.deepEqual(pooled.posterior, inline.posterior);
  t.deepEqual(pooled.fit, inline.fit);
  t.is(pooled.runs.total, inline.runs.total);
  const again = await calibrate(checked.plan, inlineRunner(await loadEngineDeps('wasm')));
  t.deepEqual(again.best, inline.best);
  t.true(inline.best.chi_squared < 1e6 && inline.fit.rms.number_density_per_m3_log10 >= 0);
});
