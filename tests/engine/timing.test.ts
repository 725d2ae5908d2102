// What `timing.engine_ms` covers: everything the engine computes for a request, the strength included.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';

test("engine_ms spans the kinetics, the strength and the summary (an injected clock; strength 'takes' 1000 ms)", async (t) => {
  const deps = await loadEngineDeps('wasm');
  let clockMs = 0;
  const strengthMs = 1000;
  // The same kernel, whose seed-strength routine advances the injected clock as if it took a second.
  const math = Object.create(deps.kernel.math) as typeof deps.kernel.math;
  math.seedStrengthRows = (...args) => {
    clockMs += strengthMs;
    return deps.kernel.math.seedStrengthRows(...args);
  };
  const kernel = Object.assign(Object.create(deps.kernel) as typeof deps.kernel, { math });
  const request = normalized({ ...KAWIN_EXAMPLE_03, simulation_time_hours: 2 });
  const timed = await simulate(request, { ...deps, kernel }, { clock: () => (clockMs += 1) });
  t.true(timed.timing.engine_ms > strengthMs, `engine_ms ${timed.timing.engine_ms}`);
  t.true(timed.timing.engine_ms <= clockMs, 'the clock is read at the start and after the summary');
  const plain = await simulate(request, deps);
  t.deepEqual(timed.summary, plain.summary);
});
