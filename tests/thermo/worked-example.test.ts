// thermo.md §6: the driving forces of kawin's example 03 at t = 0, from our own data/AlMgSi.tdb.
import test from 'ava';
import { createPhaseKinetics, createThermo, drivingForces, fullComposition } from '../../src/thermo/index.js';
import { readDefaultTdb } from '../../tools/harness/paths.js';

const thermo = createThermo(readDefaultTdb());
const x = fullComposition(thermo.system, { MG: 0.0072, SI: 0.0057 });
const T = 448.15;

const EXPECTED: Record<string, number> = {
  MGSI_B_P: 12935.708,
  MG5SI6_B_DP: 6482.238,
  B_PRIME_L: 8025.687,
  U1_PHASE: 7530.051,
  U2_PHASE: 7171.944,
};

test('the five driving forces at 448.15 K match thermo.md §6 to ±0.01 J/mol', (t) => {
  const results = drivingForces(thermo, T, x, Object.keys(EXPECTED));
  for (const r of results) {
    t.true(Math.abs(r.drivingForceJPerMol - EXPECTED[r.name]) <= 0.01, `${r.name}: ${r.drivingForceJPerMol}`);
  }
});

test('precipitate compositions are the site ratios over the atoms per formula unit', (t) => {
  const [beta] = drivingForces(thermo, T, x, ['MGSI_B_P']);
  t.deepEqual(Array.from(beta.precipitateComposition), [0, 1.8 / 2.8, 1 / 2.8]);
  const [bPrime] = drivingForces(thermo, T, x, ['B_PRIME_L']);
  t.deepEqual(Array.from(bPrime.precipitateComposition), [3 / 19, 9 / 19, 7 / 19]);
});

test('elements are alphabetical with Al as the balance', (t) => {
  t.deepEqual(thermo.system.elements, ['AL', 'MG', 'SI']);
  t.is(thermo.system.balance, 0);
  t.is(x[0], 1 - 0.0072 - 0.0057);
});

// thermo.md §6 table "Tie lines and curvature factors", GE = 0.
const TIE_LINES: Record<
  string,
  { xMg: number; xSi: number; mc: number; dc: [number, number]; beta: number }
> = {
  MGSI_B_P: {
    xMg: 6.2575e-5,
    xSi: 1.75385e-3,
    mc: 1.67003e-26,
    dc: [2.1479e-8, 2.3428e-7],
    beta: 6.2138e-23,
  },
  MG5SI6_B_DP: {
    xMg: 2.89206e-3,
    xSi: 5.02165e-4,
    mc: 1.26425e-26,
    dc: [1.0936e-8, 2.4549e-7],
    beta: 4.707e-23,
  },
  B_PRIME_L: {
    xMg: 5.07521e-4,
    xSi: 4.96173e-4,
    mc: 2.53009e-26,
    dc: [2.3789e-8, 3.3161e-7],
    beta: 9.414e-23,
  },
  U1_PHASE: {
    xMg: 4.4354e-3,
    xSi: 4.60527e-5,
    mc: 2.24911e-27,
    dc: [8.2355e-10, 3.0896e-8],
    beta: 8.3797e-24,
  },
  U2_PHASE: { xMg: 1.60431e-3, xSi: 7.85723e-5, mc: 5.4975e-27, dc: [3.5627e-9, 6.3091e-8], beta: 2.048e-23 },
};

const close = (actual: number, expected: number, sigDigits: number) =>
  Math.abs(actual - expected) <= 0.5 * 10 ** (1 - sigDigits) * Math.abs(expected);

for (const [name, e] of Object.entries(TIE_LINES)) {
  test(`tie-line and curvature factors of ${name} match thermo.md §6 to the printed digits`, (t) => {
    const k = createPhaseKinetics(thermo, name);
    t.true(k.update(thermo.atTemperature(T), x, 0));
    t.true(close(k.xAlpha[1], e.xMg, 5), `x_Mg ${k.xAlpha[1]}`);
    t.true(close(k.xAlpha[2], e.xSi, 5), `x_Si ${k.xAlpha[2]}`);
    t.true(close(k.curvature.mc, e.mc, 5), `mc ${k.curvature.mc}`);
    t.true(
      close(k.curvature.dc[0], e.dc[0], 4) && close(k.curvature.dc[1], e.dc[1], 4),
      `dc ${k.curvature.dc}`,
    );
    t.true(close(k.curvature.betaImpingement, e.beta, 4), `beta ${k.curvature.betaImpingement}`);
  });
}

test('a precipitate that is unstable everywhere on its tie-line ray has no tie-line', (t) => {
  const k = createPhaseKinetics(thermo, 'MGSI_B_P');
  const dilute = fullComposition(thermo.system, { MG: 1e-6, SI: 1e-6 });
  t.false(k.update(thermo.atTemperature(700), dilute, 1e9));
});

test('the ideal-solution closed forms agree with the general Redlich-Kister expressions', (t) => {
  // A negligible interaction term makes the matrix "non-ideal", so the general Hessian and diffusivity run.
  const general = createThermo(`${readDefaultTdb()}\nPARAMETER L(FCC_A1,AL,MG:VA;1) 273 1E-20; 6000 N !\n`);
  for (const [T, mg, si] of [
    [448.15, 0.0072, 0.0057],
    [523.15, 0.000619305, 0.002061645],
    [400, 0.012, 0.002],
  ]) {
    const xi = fullComposition(thermo.system, { MG: mg, SI: si });
    for (const name of Object.keys(EXPECTED)) {
      const fast = createPhaseKinetics(thermo, name);
      const slow = createPhaseKinetics(general, name);
      for (const offset of [0, 1]) {
        t.true(
          fast.update(thermo.atTemperature(T), xi, offset) &&
            slow.update(general.atTemperature(T), xi, offset),
        );
        const pairs = [
          [fast.xAlpha[1], slow.xAlpha[1]],
          [fast.xAlpha[2], slow.xAlpha[2]],
          [fast.curvature.mc, slow.curvature.mc],
          [fast.curvature.dc[0], slow.curvature.dc[0]],
          [fast.curvature.dc[1], slow.curvature.dc[1]],
          [fast.curvature.betaImpingement, slow.curvature.betaImpingement],
        ];
        for (const [a, b] of pairs)
          t.true(Math.abs(a - b) <= 1e-9 * Math.abs(b), `${name} ${T} K: ${a} vs ${b}`);
      }
    }
  }
});
