// The sweep row: metrics read from a run (peak, 90 % of peak, final state per phase), compact curves of
// real rows that keep the peak and the end, and the hardness hook.
import test from 'ava';
import type { SimulationResult } from '../../src/engine/index.js';
import { curveIndices, hardnessOf, sweepRow } from '../../src/sweep/row.js';
import { runWith } from '../helpers/engine.js';

const request = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [200] },
  simulation_time_hours: 5,
};

test('curve indices: log-spaced, first and last and the kept ones included, increasing', (t) => {
  const times = Float64Array.from({ length: 1001 }, (_, i) => i * 10);
  const picked = curveIndices(times, 20, [537]);
  t.is(picked[0], 0);
  t.is(picked[picked.length - 1], 1000);
  t.true(picked.includes(537));
  t.true(picked.every((v, k) => k === 0 || v > picked[k - 1]));
  t.true(picked.length <= 23);
  // Log spacing: far more points in the first decade of time than a linear pick would give.
  t.true(picked.filter((i) => i <= 100).length >= 8);
});

test('a row from a real run: peak, time to 90 %, final state and curves', async (t) => {
  const result: SimulationResult = await runWith('wasm', request);
  const row = sweepRow(result, 7, [200]);
  const ys = result.strength.totalYieldStrengthMPa;
  t.is(row.index, 7);
  t.deepEqual(row.axis_values, [200]);
  t.is(row.peak_yield_strength_mpa, Math.max(...ys));
  t.is(row.peak_time_hours, result.summary.peak_yield_strength_time_hours);
  const first90 = ys.findIndex((y) => y >= 0.9 * row.peak_yield_strength_mpa);
  t.is(row.time_to_90_percent_peak_hours, result.series.timeS[first90] / 3600);
  t.true(row.time_to_90_percent_peak_hours <= row.peak_time_hours);
  t.is(row.final_yield_strength_mpa, ys[ys.length - 1]);
  t.is(row.steps, result.steps);
  const beta = result.series.phases.findIndex((p) => p.name === 'MG5SI6_B_DP');
  t.is(
    row.phases[beta].mean_radius_nm,
    result.series.phases[beta].meanRadiusM[result.series.length - 1] * 1e9,
  );
  t.true(row.curves.yield_strength_mpa.includes(row.peak_yield_strength_mpa));
  t.is(row.curves.time_hours[row.curves.time_hours.length - 1], 5);
  t.true(row.curves.time_hours.length < 130 && row.curves.time_hours.length > 50);
  t.is(row.final_hardness_hv, result.summary.hardness_hv);
  t.true((row.final_hardness_hv as number) > 16, 'HV = 0.33·σ_y + 16 with σ_y > 0');
});

test("the hardness is the summary's, null when a summary lacks it", (t) => {
  t.is(hardnessOf({ hardness_hv: 92.5 } as never), 92.5);
  t.is(hardnessOf({ total_yield_strength_mpa: 100 } as never), null);
});
