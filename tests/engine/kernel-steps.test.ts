// The kernel steps every run (assembly/run.ts), built for two targets: WebAssembly and JavaScript (the JS
// solver, wasm2js). Fresh runs of both are compared in kawin-simulations.test.ts; here ramps, resumed
// runs, replayed step sizes, a run past the kernel's preallocated history, and runs beyond its capacity.
import test from 'ava';
import { simulate, type SimulationResult } from '../../src/engine/index.js';
import { kernelRunInputs } from '../../src/engine/run-state.js';
import { createSimulation } from '../../src/engine/simulation.js';
import { EXAMPLE_REQUEST, KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import type { SimulationRequest } from '../../src/request/validate.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';

const both = async () => Promise.all([loadEngineDeps('wasm'), loadEngineDeps('js')]);

function withProfile(
  base: unknown,
  hours: number[],
  celsius: number[],
  endHours?: number,
): SimulationRequest {
  return normalized({
    ...(base as object),
    temperature_profile: { time_points_hours: hours, temperatures_celsius: celsius },
    ...(endHours !== undefined && { simulation_time_hours: endHours }),
  });
}

const outcome = (r: SimulationResult) => ({ steps: r.steps, series: r.series, strength: r.strength });

test('a run beyond the kernel capacity (phases, profile points) is refused with the reason', async (t) => {
  const [wasm, js] = await both();
  const request = normalized(KAWIN_EXAMPLE_03);
  for (const deps of [wasm, js]) {
    const inputs = kernelRunInputs(request, deps.thermo, deps.kernel);
    t.truthy(deps.kernel.runSteps(inputs));
    const compounds = Array.from({ length: 9 }, () => inputs.compounds[0]);
    t.throws(() => deps.kernel.runSteps({ ...inputs, compounds }), { message: /9 phases/ });
    const timePointsHours = Array.from({ length: 1001 }, (_, i) => i);
    t.throws(() => deps.kernel.runSteps({ ...inputs, timePointsHours }), { message: /1001 profile points/ });
  }
});

test('heating and cooling ramps (a new temperature every step): the WASM and JS targets agree', async (t) => {
  const [wasm, js] = await both();
  const request = withProfile(EXAMPLE_REQUEST, [0, 0.5, 1, 2, 2.5], [160, 250, 250, 150, 210], 3);
  const [a, b] = await Promise.all([simulate(request, wasm), simulate(request, js)]);
  t.true(a.steps > 1000);
  t.deepEqual(outcome(a), outcome(b));
});

test('runs resumed from checkpoints: the WASM and JS targets agree', async (t) => {
  const [wasm, js] = await both();
  const first = withProfile(KAWIN_EXAMPLE_03, [0, 4, 6], [175, 175, 230], 8);
  const edited = withProfile(KAWIN_EXAMPLE_03, [0, 4, 6], [175, 175, 210], 8);
  const resumed = await Promise.all(
    [wasm, js].map(async (deps) => {
      const base = await simulate(first, deps, { checkpoints: {} });
      return simulate(edited, deps, { checkpoints: { resumeFrom: base.checkpoints } });
    }),
  );
  t.true(resumed[0].resumedAtHours! > 3.9, String(resumed[0].resumedAtHours));
  t.is(resumed[0].resumedAtHours, resumed[1].resumedAtHours);
  t.deepEqual(outcome(resumed[0]), outcome(resumed[1]));
});

test('replayed step sizes, and a run longer than the kernel history room: both targets agree', async (t) => {
  const [wasm, js] = await both();
  const request = normalized({ ...EXAMPLE_REQUEST, simulation_time_hours: 2 });
  const replayStepsS = Array.from({ length: 40000 }, (_, i) => Math.min(0.01 * 1.001 ** i, 0.2));
  const series = [wasm, js].map((deps) => {
    const sim = createSimulation(request, deps.thermo, deps.kernel, { replayStepsS });
    sim.setup();
    while (sim.timeS < sim.endS) sim.step();
    return { steps: sim.steps, series: sim.series() };
  });
  t.true(series[0].steps > 32768, String(series[0].steps)); // past the 32,768 records set up at first
  t.deepEqual(series[0], series[1]);
});
