// Sharing the start of a schedule: flat points added to a profile, the groups planned, and a two-step map
// (first step of several lengths and temperatures) whose rows equal single runs of the original requests
// while most runs start from another's checkpoint.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import { expandSweep } from '../../src/request/sweep.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { createRunPool } from '../../src/sweep/pool.js';
import { sweepRow } from '../../src/sweep/row.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { planSharing, withFlatPoints } from '../../src/sweep/share.js';
import { normalized } from '../helpers/engine.js';

const twoStep = {
  base: {
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0, 1, 1.25], temperatures_celsius: [180, 180, 200] },
    simulation_time_hours: 4,
  },
  axes: [
    {
      path: ['/temperature_profile/temperatures_celsius/0', '/temperature_profile/temperatures_celsius/1'],
      values: [170, 190],
    },
    {
      path: [
        '/temperature_profile/time_points_hours/1',
        { pointer: '/temperature_profile/time_points_hours/2', offset: 0.25 },
      ],
      values: [1, 1.5, 2],
    },
  ],
};

test('flat points go inside flat segments and after the last point only', (t) => {
  const request = normalized({
    ...twoStep.base,
    temperature_profile: { time_points_hours: [0, 2, 2.5], temperatures_celsius: [170, 170, 200] },
  });
  const out = withFlatPoints(request, [1, 2.25, 3, 5]);
  t.deepEqual(out.temperature_profile, {
    time_points_hours: [0, 1, 2, 2.5, 3],
    temperatures_celsius: [170, 170, 170, 200, 200],
  });
});

test('runs sharing a first temperature are grouped, the longest first hold first; isothermal runs are not', (t) => {
  const expanded = expandSweep(twoStep);
  if (!expanded.ok) return t.fail();
  const plan = planSharing(expanded.sweep.runs);
  t.deepEqual(plan.groups, [
    [2, 1, 0],
    [5, 4, 3],
  ]);
  const iso = expandSweep({
    base: twoStep.base,
    axes: [{ path: '/isothermal_temperature_celsius', values: [170, 190] }],
  });
  t.deepEqual(iso.ok && planSharing(iso.sweep.runs).groups, []);
});

test('a two-step map reuses first steps and its rows equal single runs of the requests as written', async (t) => {
  const expanded = expandSweep(twoStep);
  if (!expanded.ok) return t.fail();
  const pool = createRunPool({ jobs: 2 });
  const outcome = await runSweep(expanded.sweep, pool);
  await pool.close();
  t.is(outcome.rows.length, 6);
  t.is(outcome.reuse.resumed_runs, 4);
  t.true(outcome.reuse.saved_hours > 4 * 0.9);
  t.true(outcome.reuse.saved_fraction > 0.1);
  const deps = await loadEngineDeps('wasm');
  for (const run of expanded.sweep.runs) {
    const single = sweepRow(await simulate(run.request, deps), run.index, run.axisValues);
    t.deepEqual({ ...outcome.rows[run.index], engine_ms: 0 }, { ...single, engine_ms: 0 });
  }
});
