// The WebAssembly kernel steps a run itself (assembly/run.ts, src/engine/kernel-steps.ts) with the bits of
// the host's step, which the TypeScript solver runs: fresh runs are compared in kawin-simulations.test.ts;
// here ramps, resumed runs, replayed step sizes, a run past the kernel's preallocated history, and when
// the kernel leaves the step to the host.
import test from 'ava';
import { simulate, type SimulationResult } from '../../src/engine/index.js';
import { createRunState, kernelRunInputs } from '../../src/engine/run-state.js';
import { createSimulation } from '../../src/engine/simulation.js';
import { EXAMPLE_REQUEST, KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import type { SimulationRequest } from '../../src/request/validate.js';
import { hostRunThermo } from '../../src/thermo/index.js';
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

test('the WASM kernel steps the run; the JS solver, and a kernel without its own thermodynamics, do not', async (t) => {
  const [wasm, js] = await both();
  const request = normalized(KAWIN_EXAMPLE_03);
  t.truthy(createRunState(request, wasm.thermo, wasm.kernel).steps);
  t.is(createRunState(request, js.thermo, js.kernel).steps, undefined);
  const state = createRunState(request, wasm.thermo, wasm.kernel);
  const foreign = { ...state, chemistry: hostRunThermo(wasm.thermo) };
  t.is(wasm.kernel.runSteps?.(kernelRunInputs(foreign)), undefined);
});

test('heating and cooling ramps (a new temperature every step): the kernel and the host step agree', async (t) => {
  const [wasm, js] = await both();
  const request = withProfile(EXAMPLE_REQUEST, [0, 0.5, 1, 2, 2.5], [160, 250, 250, 150, 210], 3);
  const [a, b] = await Promise.all([simulate(request, wasm), simulate(request, js)]);
  t.true(a.steps > 1000);
  t.deepEqual(outcome(a), outcome(b));
});

test('runs resumed from the kernel checkpoints equal the host step resumed from its own', async (t) => {
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

test('replayed step sizes, and a run longer than the kernel history room: both steps agree', async (t) => {
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
