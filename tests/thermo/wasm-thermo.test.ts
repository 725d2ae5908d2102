// The kernel module's thermodynamics (assembly/thermo.ts via src/thermo/module/chemistry.ts) in its two
// targets: a run's WebAssembly kernel against the facade's JavaScript instance (src/thermo), the same bits
// for the chemical potentials, tie-lines and curvature factors, for an ideal matrix (the default database)
// and one with Redlich-Kister terms of orders 0-2; and whole runs of both kernels with the non-ideal
// database agree bit for bit.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import type { Kernel } from '../../src/kernel/types.js';
import { loadKernel } from '../../src/runtime/node.js';
import {
  createPhaseKinetics,
  createThermo,
  fullComposition,
  thermoChemistry,
  type RunThermo,
  type Thermo,
  type ThermoSystem,
} from '../../src/thermo/index.js';
import { normalized } from '../helpers/engine.js';
import { readDefaultTdb } from '../../tools/harness/paths.js';

const PHASES = ['MGSI_B_P', 'MG5SI6_B_DP', 'B_PRIME_L', 'U1_PHASE', 'U2_PHASE'];
/** Interaction terms of orders 0, 1 and 2 (values made up, large enough to move every result). */
const NON_IDEAL = `${readDefaultTdb()}
PARAMETER L(FCC_A1,AL,MG:VA;0) 273 -4000+2*T; 6000 N !
PARAMETER L(FCC_A1,AL,MG:VA;1) 273 900; 6000 N !
PARAMETER L(FCC_A1,AL,SI:VA;0) 273 -3100-0.5*T; 6000 N !
PARAMETER L(FCC_A1,MG,SI:VA;2) 273 1500; 6000 N !
`;
const DATABASES: [string, Thermo][] = [
  ['ideal matrix', createThermo(readDefaultTdb())],
  ['Redlich-Kister matrix', createThermo(NON_IDEAL)],
];
const TEMPERATURES_K = [400, 448.15, 523.15, 610];
const COMPOSITIONS: [number, number][] = [
  [0.0072, 0.0057],
  [0.000619305, 0.002061645],
  [0.012, 0.002],
  [1e-9, 0.004],
  [0.003, 3e-13],
];
/** 200 more, spread log-uniformly over 1e-6-0.05 by a fixed linear congruential sequence. */
const MANY_COMPOSITIONS: [number, number][] = (() => {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 4.7 - 6;
  return Array.from({ length: 200 }, () => [10 ** next(), 10 ** next()] as [number, number]);
})();

async function bound(system: ThermoSystem): Promise<{ kernel: Kernel; chemistry: RunThermo }> {
  const kernel = await loadKernel('wasm');
  const chemistry = kernel.runThermo(system);
  return { kernel, chemistry };
}

for (const [label, thermo] of DATABASES) {
  test(`${label}: the WASM kernel's chemical potentials are the JS target's, bit for bit`, async (t) => {
    const { chemistry } = await bound(thermo.system);
    const n = thermo.system.elements.length;
    for (const T of TEMPERATURES_K) {
      for (const [mg, si] of [...COMPOSITIONS, ...MANY_COMPOSITIONS]) {
        const x = fullComposition(thermo.system, { MG: mg, SI: si });
        const at = thermo.atTemperature(T);
        const [hostGrad, hostMu, grad, mu] = [0, 1, 2, 3].map(() => new Float64Array(n));
        thermoChemistry(thermo).chemicalPotentials(at, x, hostGrad, hostMu);
        chemistry.chemicalPotentials(at, x, grad, mu);
        t.deepEqual(Array.from(mu), Array.from(hostMu), `${T} K, x = ${mg}, ${si}`);
        t.deepEqual(Array.from(grad), Array.from(hostGrad));
      }
    }
  });

  test(`${label}: the WASM kernel's tie-lines and curvature factors are the JS target's, warm starts and failures included`, async (t) => {
    const { chemistry } = await bound(thermo.system);
    let solved = 0;
    for (const name of PHASES) {
      const host = createPhaseKinetics(thermo, name);
      const wasm = chemistry.phaseKinetics(name);
      // One pair per phase through every temperature and composition: later updates start warm from λ.
      for (const T of TEMPERATURES_K) {
        for (const [mg, si] of COMPOSITIONS) {
          const x = fullComposition(thermo.system, { MG: mg, SI: si });
          for (const offset of [0, 1, 1e9]) {
            const at = thermo.atTemperature(T);
            const found = host.update(at, x, offset);
            t.is(wasm.update(at, x, offset), found, `${name} ${T} K ${mg} ${si} offset ${offset}`);
            t.deepEqual(Array.from(wasm.saveState()), Array.from(host.saveState()));
            if (found) solved++;
          }
        }
      }
    }
    t.true(solved > 100, `only ${solved} tie-lines found`); // the comparisons cover real solves
  });
}

test('a system beyond the kernel thermodynamics capacity is refused with the reason', async (t) => {
  const kernel = await loadKernel('wasm');
  const { system } = DATABASES[0][1];
  const elements = Array.from({ length: 40 }, (_, i) => `E${i}`);
  t.truthy(kernel.runThermo(system));
  t.throws(() => kernel.runThermo({ ...system, elements, solutes: elements.slice(1).map((_, i) => i + 1) }), {
    message: /40 elements/,
  });
});

test('Redlich-Kister matrix: a 2 h ramped run of the WASM kernel and the JS solver is bit-identical', async (t) => {
  const thermo = createThermo(NON_IDEAL);
  const request = normalized({
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0, 1, 1.5], temperatures_celsius: [180, 180, 260] },
    simulation_time_hours: 2,
  });
  const [wasm, js] = await Promise.all(
    (['wasm', 'js'] as const).map(async (name) =>
      simulate(request, { thermo, kernel: await loadKernel(name), databaseSha256: 'test' }),
    ),
  );
  t.true(wasm.steps > 1000);
  t.is(wasm.steps, js.steps);
  t.deepEqual(Array.from(wasm.series.timeS), Array.from(js.series.timeS));
  wasm.series.phases.forEach((phase, p) => {
    for (const key of ['numberDensityPerM3', 'meanRadiusM', 'drivingForceJPerMol'] as const)
      t.deepEqual(Array.from(phase[key]), Array.from(js.series.phases[p][key]), `${phase.name} ${key}`);
  });
  t.deepEqual(Array.from(wasm.strength.totalYieldStrengthMPa), Array.from(js.strength.totalYieldStrengthMPa));
});
