// Another extractor registered by URL runs in the pool's threads; a thread that dies fails only its own
// run and is replaced, and the runs after it complete.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { createRunPool } from '../../src/sweep/pool.js';
import { normalized } from '../helpers/engine.js';

const PROBE = new URL('./fixtures/probe-extractor.js', import.meta.url).href;
const request = (celsius: number) =>
  normalized({
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
    simulation_time_hours: 1,
  });

test('a registered extractor computes in the thread; a dead thread fails its run only', async (t) => {
  const pool = createRunPool({ jobs: 1, extractors: { probe: PROBE } });
  const tasks = [190, 200, 210, 220].map((c, index) => ({
    index,
    request: request(c),
    extractor: 'probe',
    params: { exit: index === 1 },
  }));
  const results = await pool.run<{ final_mpa: number; peak_h: number }>(tasks);
  await pool.close();
  t.deepEqual(
    results.map((r) => r.ok),
    [true, false, true, true],
  );
  t.regex(results[1].ok ? '' : results[1].message, /the engine thread exited \(code 3\)/);
  const deps = await loadEngineDeps('wasm');
  const single = await simulate(request(210), deps);
  t.deepEqual(results[2].ok && results[2].value, {
    final_mpa: single.summary.total_yield_strength_mpa,
    peak_h: single.summary.peak_yield_strength_time_hours,
  });
});
