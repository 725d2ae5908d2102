// A measured time to peak in the fit: the model's peak time from a run's rows, its residual on a log
// scale, and its place in χ² (beside, not in, the rms over the point observations).
import test from 'ava';
import { checkCalibration } from '../../src/calibrate/document.js';
import { CalibrationObjective, peakTimeResidual } from '../../src/calibrate/objective.js';
import { observe, peakTimeOf } from '../../src/calibrate/observables.js';
import { inlineRunner } from '../../src/calibrate/runner.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { runWith } from '../helpers/engine.js';

const hours = (h: number[]) => h.map((x) => x * 3600);
/** A curve with its maximum at 8 h: a parabola in ln t. */
const parabola = (timeS: number[]) => timeS.map((t) => 250 - 30 * Math.log(t / (8 * 3600)) ** 2);

test('the peak time between rows is the vertex of the parabola in ln t through the rows about the maximum', (t) => {
  const timeS = [0, ...hours([0.5, 2, 6, 9, 13.5, 40, 100])];
  const peak = peakTimeOf(timeS, parabola(timeS));
  t.true(peak.reached);
  t.true(Math.abs(peak.timeHours - 8) < 1e-9, `${peak.timeHours}`);
});

test('a curve still rising at the end has not reached its peak: the time is the end (a lower bound)', (t) => {
  const timeS = [0, ...hours([0.5, 1, 2, 4])];
  t.deepEqual(peakTimeOf(timeS, parabola(timeS)), { timeHours: 4, reached: false });
  const falling = [0, ...hours([10, 20, 40])];
  t.deepEqual(peakTimeOf(falling, parabola(falling)), { timeHours: 10, reached: true });
});

test('the residual is ln(model / measured) over ln(sd_factor)', (t) => {
  const p = { timeHours: 8, quantity: 'yield_strength_mpa' as const, sdFactor: 1.25 };
  t.is(peakTimeResidual(p, 10), 1);
  t.true(Math.abs(peakTimeResidual(p, 6.4) + 1) < 1e-12);
  t.true(Math.abs(peakTimeResidual(p, 12.5) - 2) < 1e-12);
});

const doc = {
  base: { phases: ['MGSI_B_P', 'MG5SI6_B_DP'], config: { strength: { model: 'kawin' } } },
  experiments: [
    {
      name: 'AA6063',
      composition: { MG: 0.5, SI: 0.435 },
      composition_unit: 'weight_percent',
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
      observations: [
        { time_hours: 2, yield_strength_mpa: 170, sd: 5 },
        { time_to_peak_hours: 8, quantity: 'yield_strength_mpa', sd_factor: 1.25 },
      ],
      simulation_time_hours: 30,
    },
  ],
  parameters: [{ path: '/config/interfacial_energy/MG5SI6_B_DP', min: 0.05, max: 0.2 }],
};

test('χ² adds the squared peak-time residual to the observations’', (t) => {
  const checked = checkCalibration(doc, { maxSimulationHours: 1000 });
  if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
  const objective = new CalibrationObjective(checked.plan, { run: async () => [], stats: {} as never });
  t.deepEqual(objective.specs[0].peaks, [{ quantity: 'yield_strength_mpa' }]);
  const run = { values: [180], curves: [], peaks: [{ timeHours: 10, reached: true }] };
  t.is(objective.chiSquared([run]), 2 ** 2 + 1);
});

test("a real run's time to peak lies next to the row the engine's summary names as the peak", async (t) => {
  const checked = checkCalibration(doc, { maxSimulationHours: 1000 });
  if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
  const objective = new CalibrationObjective(checked.plan, inlineRunner(await loadEngineDeps('wasm')));
  const [evaluation] = await objective.evaluate([[0.5]]);
  const [request] = objective.requestsWith([0.125]);
  const result = await runWith('wasm', request);
  const { peaks } = observe(result, objective.specs[0]);
  t.deepEqual(evaluation.runs[0]?.peaks, peaks);
  const rows = Array.from(result.series.timeS, (s) => s / 3600);
  const at = rows.indexOf(result.summary.peak_yield_strength_time_hours);
  t.true(result.summary.peak_reached && peaks[0].reached);
  t.true(peaks[0].timeHours >= rows[at - 1] && peaks[0].timeHours <= rows[at + 1]);
  const point = ((evaluation.runs[0]!.values[0] - 170) / 5) ** 2;
  const peak = peakTimeResidual(checked.plan.experiments[0].peakTimes[0], peaks[0].timeHours) ** 2;
  t.true(peak > 0);
  t.is(evaluation.chiSquared, point + peak);
});
