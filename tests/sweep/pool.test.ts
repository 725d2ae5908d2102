// The run pool: rows computed in worker threads equal rows from a single run of the same request, bit for
// bit; a share group resumes from checkpoints and still gives a fresh run's numbers.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import { expandSweep } from '../../src/request/sweep.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { SWEEP_ROW_EXTRACTOR } from '../../src/sweep/extractor.js';
import { createRunPool } from '../../src/sweep/pool.js';
import { sweepRow, type SweepRow } from '../../src/sweep/row.js';

const withoutTiming = (row: SweepRow) => ({ ...row, engine_ms: 0 });

test('pool rows equal single runs bit for bit', async (t) => {
  const out = expandSweep({
    base: {
      composition: { MG: 0.0072, SI: 0.0057 },
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
      simulation_time_hours: 3,
    },
    axes: [{ path: '/isothermal_temperature_celsius', values: [170, 200, 230] }],
  });
  if (!out.ok) return t.fail();
  const pool = createRunPool({ jobs: 2 });
  const seen: number[] = [];
  const results = await pool.run<SweepRow>(
    out.sweep.runs.map((r) => ({
      index: r.index,
      request: r.request,
      extractor: SWEEP_ROW_EXTRACTOR,
      params: r.axisValues,
    })),
    { onResult: (r) => seen.push(r.index) },
  );
  await pool.close();
  t.deepEqual([...seen].sort(), [0, 1, 2]);
  const deps = await loadEngineDeps('wasm');
  for (const run of out.sweep.runs) {
    const single = sweepRow(await simulate(run.request, deps), run.index, run.axisValues);
    const got = results[run.index];
    if (!got.ok) return t.fail(got.message);
    t.deepEqual(withoutTiming(got.value), withoutTiming(single));
    t.true(got.value.curves.time_hours.length > 10);
    t.is(got.resumedAtHours, 0);
  }
});

test('a share group resumes from the first run and gives the same rows', async (t) => {
  const out = expandSweep({
    base: {
      composition: { MG: 0.0072, SI: 0.0057 },
      temperature_profile: { time_points_hours: [0, 2, 2.2], temperatures_celsius: [180, 180, 200] },
      simulation_time_hours: 4,
    },
    axes: [{ path: '/temperature_profile/temperatures_celsius/2', values: [160, 200, 220] }],
  });
  if (!out.ok) return t.fail();
  const tasks = out.sweep.runs.map((r) => ({
    index: r.index,
    request: r.request,
    extractor: SWEEP_ROW_EXTRACTOR,
    params: r.axisValues,
  }));
  const pool = createRunPool({ jobs: 1 });
  const shared = await pool.run<SweepRow>(tasks, { shareGroups: [[0, 1, 2]] });
  await pool.close();
  const deps = await loadEngineDeps('wasm');
  for (const run of out.sweep.runs) {
    const got = shared[run.index];
    if (!got.ok) return t.fail(got.message);
    t.deepEqual(
      withoutTiming(got.value),
      withoutTiming(sweepRow(await simulate(run.request, deps), run.index, run.axisValues)),
    );
  }
  t.is(shared[0].ok && shared[0].resumedAtHours, 0);
  t.true(shared[2].ok && shared[2].resumedAtHours > 1.9);
});

test('an unknown extractor fails its run with a message', async (t) => {
  const out = expandSweep({
    base: {
      composition: { MG: 0.0072, SI: 0.0057 },
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
      simulation_time_hours: 1,
    },
    axes: [{ path: '/composition/MG', values: [0.007] }],
  });
  if (!out.ok) return t.fail();
  const pool = createRunPool({ jobs: 1 });
  const [r] = await pool.run([{ index: 0, request: out.sweep.runs[0].request, extractor: 'nope' }]);
  await pool.close();
  t.false(r.ok);
  t.regex(r.ok ? '' : r.message, /no extractor named 'nope'/);
});
