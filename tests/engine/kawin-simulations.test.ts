// Full simulations against kawin 0.5.0 (tests/fixtures/kawin/sim-*.json), with both kernels.
import test from 'ava';
import type { SimulationResult } from '../../src/engine/index.js';
import { KERNELS, runWith } from '../helpers/engine.js';
import {
  loadSimulation,
  relativeError,
  SIMULATION_CASES,
  totalYieldStrengthMPa,
  type KawinSimulation,
} from '../helpers/kawin-fixtures.js';

const results = new Map<string, Promise<SimulationResult>>();
const resultFor = (name: string, kernel: 'wasm' | 'js') => {
  const key = `${name}/${kernel}`;
  if (!results.has(key)) results.set(key, runWith(kernel, loadSimulation(name).request));
  return results.get(key)!;
};

test('there are at least four kawin simulation fixtures, including example 03', (t) => {
  t.true(SIMULATION_CASES.length >= 4, SIMULATION_CASES.join(', '));
  t.true(SIMULATION_CASES.includes('example03'));
  for (const name of SIMULATION_CASES) t.is(loadSimulation(name).kawin_version, '0.5.0');
});

/** Phases holding more than 1 % of the final precipitate volume in kawin's run. */
function significantPhases(k: KawinSimulation): string[] {
  const total = Object.values(k.final.phases).reduce((s, p) => s + p.volume_fraction, 0);
  return Object.entries(k.final.phases)
    .filter(([, p]) => p.volume_fraction > 0.01 * total)
    .map(([name]) => name);
}

for (const name of SIMULATION_CASES) {
  test(`${name}: final state and step count within kawin's tolerances`, async (t) => {
    const k = loadSimulation(name);
    const ours = await resultFor(name, 'wasm');
    const last = ours.series.length - 1;
    t.log(`steps: ours ${ours.steps}, kawin ${k.steps} (${((ours.steps / k.steps - 1) * 100).toFixed(2)} %)`);
    t.true(relativeError(ours.steps, k.steps) <= 0.02, 'step count within 2 %');
    t.true(
      relativeError(ours.series.matrixComposition.MG[last], k.final.composition[0]) <= 0.01,
      'x_Mg within 1 %',
    );
    t.true(
      relativeError(ours.series.matrixComposition.SI[last], k.final.composition[1]) <= 0.01,
      'x_Si within 1 %',
    );
    for (const phase of significantPhases(k)) {
      const p = ours.series.phases.find((s) => s.name === phase)!;
      const e = k.final.phases[phase];
      const checks: [string, number, number][] = [
        ['number density', p.numberDensityPerM3[last], e.number_density],
        ['mean radius', p.meanRadiusM[last], e.mean_radius_m],
        ['volume fraction', p.volumeFraction[last], e.volume_fraction],
      ];
      for (const [what, a, b] of checks) {
        t.true(relativeError(a, b) <= 0.02, `${phase} ${what}: ${a} vs ${b}`);
      }
    }
    const kawinStrength = totalYieldStrengthMPa(
      Object.values(k.final.phases).map((p) => ({ radiusM: p.mean_radius_m, fraction: p.volume_fraction })),
    );
    t.true(
      relativeError(ours.summary.total_yield_strength_mpa, kawinStrength) <= 0.02,
      `σy ${ours.summary.total_yield_strength_mpa} vs ${kawinStrength}`,
    );
  });

  test(`${name}: the WASM kernel and the JS solver give the same step count and bit-identical series`, async (t) => {
    const [wasm, js] = await Promise.all(KERNELS.map((kernel) => resultFor(name, kernel)));
    t.is(wasm.steps, js.steps);
    t.deepEqual(Array.from(wasm.series.timeS), Array.from(js.series.timeS));
    for (let p = 0; p < wasm.series.phases.length; p++) {
      const a = wasm.series.phases[p];
      const b = js.series.phases[p];
      t.deepEqual(Array.from(a.numberDensityPerM3), Array.from(b.numberDensityPerM3));
      t.deepEqual(Array.from(a.meanRadiusM), Array.from(b.meanRadiusM));
      t.deepEqual(Array.from(a.volumeFraction), Array.from(b.volumeFraction));
      t.deepEqual(Array.from(a.nucleationRatePerM3S), Array.from(b.nucleationRatePerM3S));
    }
    t.deepEqual(
      Array.from(wasm.strength.totalYieldStrengthMPa),
      Array.from(js.strength.totalYieldStrengthMPa),
    );
  });
}
