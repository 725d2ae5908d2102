// config.strength: the seed model stays today's numbers, kawin's model gives the same bits from both
// solvers, hardness follows its two coefficients, and bad strength input is named field by field.
import test from 'ava';
import { phaseContributions } from '../../src/engine/strength-terms.js';
import { EXAMPLE_REQUEST } from '../../src/request/defaults.js';
import type { StrengthContribution } from '../../src/request/strength.js';
import { validateRequest } from '../../src/request/validate.js';
import { simulate } from '../../src/engine/index.js';
import { computeStrength } from '../../src/engine/strength.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized, runWith } from '../helpers/engine.js';

/** Two phases, 2 h at 180 °C: short enough for the JS solver, long enough to pass the strength peak. */
const SHORT = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
  simulation_time_hours: 2,
  phases: ['MGSI_B_P', 'MG5SI6_B_DP'],
};

const bitsOf = (arrays: ArrayLike<number>[]) => arrays.map((a) => Array.from(a));

test("the seed's example without config.strength gives today's numbers (main before issue 19)", async (t) => {
  const { summary, strength } = await runWith('wasm', EXAMPLE_REQUEST);
  t.is(summary.total_yield_strength_mpa, 177.6436967018669);
  t.is(summary.peak_yield_strength_mpa, 446.4389637254635);
  t.is(summary.strength_model, 'seed_orowan');
  t.is(summary.precipitation_strength_mpa, summary.total_yield_strength_mpa);
  t.is(summary.solid_solution_strength_mpa, 0);
  t.is(summary.base_strength_mpa, 0);
  t.is(summary.hardness_hv, 0.33 * 177.6436967018669 + 16);
  t.true(summary.phases.every((p) => p.mechanism === 'bypass'));
  t.is(strength.model, 'seed_orowan');
});

test('"model": "seed_orowan" given explicitly is the same run as no config.strength', async (t) => {
  const a = await runWith('wasm', SHORT);
  const b = await runWith('wasm', { ...SHORT, config: { strength: { model: 'seed_orowan' } } });
  t.deepEqual(bitsOf([a.strength.totalYieldStrengthMPa]), bitsOf([b.strength.totalYieldStrengthMPa]));
  t.deepEqual(a.summary, b.summary);
});

test("the seed model's strength from the WASM kernel's math is the host math's, bit for bit", async (t) => {
  const r = await runWith('wasm', SHORT);
  const wasmMath = (await loadEngineDeps('wasm')).kernel.math;
  const config = normalized(SHORT).config;
  const columns = (s: ReturnType<typeof computeStrength>) =>
    bitsOf([s.totalYieldStrengthMPa, ...s.phases.flatMap((p) => [p.crssMPa, p.aspectRatio])]);
  const fromKernel = computeStrength(r.series, config, wasmMath);
  t.deepEqual(columns(fromKernel), columns(computeStrength(r.series, config)));
  t.true(fromKernel.totalYieldStrengthMPa.some((v) => v > 0));
});

test("kawin's model: the WASM and JS solvers give the same bits for every strength quantity", async (t) => {
  const body = { ...SHORT, config: { strength: { model: 'kawin' } } };
  const [wasm, js] = [await runWith('wasm', body), await runWith('js', body)];
  const config = normalized(body).config;
  // The slip plane (on request) from each solver's own module.
  const slipPlanes = async (r: typeof wasm, kernel: 'wasm' | 'js') =>
    computeStrength(r.series, config, (await loadEngineDeps(kernel)).kernel.math, { slipPlane: true }).phases;
  const quantities = async (r: typeof wasm, kernel: 'wasm' | 'js') => [
    r.strength.totalYieldStrengthMPa,
    r.strength.precipitationStrengthMPa,
    r.strength.solidSolutionStrengthMPa,
    r.strength.hardnessHV,
    ...r.strength.phases.flatMap((p) => [p.crssMPa, p.mechanism]),
    ...(await slipPlanes(r, kernel)).flatMap((p) => [p.slipPlane!.radiusM, p.slipPlane!.weakCrssPa]),
  ];
  t.deepEqual(bitsOf(await quantities(wasm, 'wasm')), bitsOf(await quantities(js, 'js')));
  t.is(wasm.summary.strength_model, 'kawin');
  t.true(wasm.summary.solid_solution_strength_mpa > 0);
  // Small β″ precipitates are sheared: at the peak of the run a phase is not looped by Orowan.
  const peak = wasm.strength.totalYieldStrengthMPa.indexOf(wasm.summary.peak_yield_strength_mpa);
  t.true(wasm.strength.phases.some((p) => p.mechanism[peak] !== 0));
});

test('kawin: the total is (σ0^1.8 + σss^1.8 + σprec^1.8)^(1/1.8) and hardness its linear map', async (t) => {
  const strength = {
    model: 'kawin',
    base_strength_mpa: 30,
    hardness: { slope_hv_per_mpa: 0.3, intercept_hv: 20 },
  };
  const { series, strength: s } = await runWith('wasm', { ...SHORT, config: { strength } });
  const last = series.length - 1;
  const [b, ss, p] = [
    s.baseStrengthMPa[last],
    s.solidSolutionStrengthMPa[last],
    s.precipitationStrengthMPa[last],
  ];
  t.is(b, 30);
  const expected = (b ** 1.8 + ss ** 1.8 + p ** 1.8) ** (1 / 1.8);
  t.true(Math.abs(s.totalYieldStrengthMPa[last] - expected) <= 1e-12 * expected);
  t.is(s.hardnessHV[last], 0.3 * s.totalYieldStrengthMPa[last] + 20);
});

test('kawin quirk: of two contributions of one type that apply to a phase, the later one wins', (t) => {
  const list: StrengthContribution[] = [
    { type: 'coherency', misfit_strain: 0.03, phase: 'MGSI_B_P' },
    { type: 'modulus', precipitate_shear_modulus_gpa: 40 },
    { type: 'coherency', misfit_strain: 0.01 },
  ];
  t.deepEqual(phaseContributions(list, 'MGSI_B_P'), [list[2], list[1]]);
  t.deepEqual(phaseContributions([list[2], list[0]], 'MGSI_B_P'), [list[0]]);
  t.deepEqual(phaseContributions([list[2], list[0]], 'U1_PHASE'), [list[2]]);
});

const issuesOf = (strength: unknown, phases?: string[]) => {
  const checked = validateRequest({ ...EXAMPLE_REQUEST, ...(phases && { phases }), config: { strength } });
  return checked.ok ? [] : checked.issues;
};

test('bad strength input is rejected naming the field', (t) => {
  const cases: [unknown, string][] = [
    [{ model: 'orowan' }, '/config/strength/model'],
    [{ contributions: [{ type: 'chemical' }] }, '/config/strength/contributions/0/type'],
    [{ contributions: [{ type: 'coherency' }] }, '/config/strength/contributions/0/misfit_strain'],
    [
      { contributions: [{ type: 'modulus', precipitate_shear_modulus_gpa: 50, misfit_strain: 0.02 }] },
      '/config/strength/contributions/0/misfit_strain',
    ],
    [
      { contributions: [{ type: 'coherency', misfit_strain: 1e300 }] },
      '/config/strength/contributions/0/misfit_strain',
    ],
    [
      { contributions: [{ type: 'interfacial', energy_j_per_m2: -1 }] },
      '/config/strength/contributions/0/energy_j_per_m2',
    ],
    [{ solid_solution: { weights_pa: { MG: -5 } } }, '/config/strength/solid_solution/weights_pa/MG'],
    [{ solid_solution: { exponents: { CU: 1 } } }, '/config/strength/solid_solution/exponents/CU'],
    [{ base_strength_mpa: 1e9 }, '/config/strength/base_strength_mpa'],
    [{ hardness: { slope_hv_per_mpa: Infinity } }, '/config/strength/hardness/slope_hv_per_mpa'],
  ];
  for (const [strength, path] of cases) {
    const issues = issuesOf(strength);
    t.true(
      issues.some((i) => i.path === path),
      `${JSON.stringify(strength)}: ${JSON.stringify(issues)}`,
    );
  }
  const other = issuesOf({ contributions: [{ type: 'coherency', misfit_strain: 0.02, phase: 'U1_PHASE' }] }, [
    'MGSI_B_P',
  ]);
  t.deepEqual(other, [
    {
      path: '/config/strength/contributions/0/phase',
      message: "U1_PHASE is not one of the request's phases",
    },
  ]);
});

test('config.strength is filled with the defaults of strength.md §8 and §9', (t) => {
  const checked = validateRequest({ ...EXAMPLE_REQUEST, config: { strength: { model: 'kawin' } } });
  if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
  t.deepEqual(checked.request.config.strength, {
    model: 'kawin',
    contributions: [
      { type: 'coherency', misfit_strain: 0.025 },
      { type: 'modulus', precipitate_shear_modulus_gpa: 50 },
    ],
    solid_solution: { weights_pa: { MG: 1.676e9, SI: 0.958e9 }, exponents: { MG: 1, SI: 1 } },
    base_strength_mpa: 0,
    hardness: { slope_hv_per_mpa: 0.33, intercept_hv: 16 },
  });
  const plain = validateRequest(EXAMPLE_REQUEST);
  t.true(plain.ok && plain.request.config.strength === undefined);
});

test("kawin's model: a run resumed from a checkpoint gives a fresh run's strength bits", async (t) => {
  const deps = await loadEngineDeps('wasm');
  const schedule = (last: number) => ({
    ...SHORT,
    temperature_profile: { time_points_hours: [0, 1, 1.5], temperatures_celsius: [180, 180, last] },
    config: { strength: { model: 'kawin' } },
  });
  const first = await simulate(normalized(schedule(200)), deps, { checkpoints: {} });
  const edited = normalized(schedule(210));
  const resumed = await simulate(edited, deps, { checkpoints: { resumeFrom: first.checkpoints } });
  t.true((resumed.resumedAtHours ?? 0) > 0);
  const fresh = await simulate(edited, deps);
  const bits = (r: typeof fresh) => [
    r.strength.totalYieldStrengthMPa,
    r.strength.hardnessHV,
    ...r.series.phases.map((p) => p.radiusMomentPerM2),
    ...computeStrength(r.series, edited.config, deps.kernel.math, { slipPlane: true }).phases.flatMap((p) => [
      p.slipPlane!.spacingM,
      p.slipPlane!.weakCrssPa,
    ]),
  ];
  t.deepEqual(bitsOf(bits(resumed)), bitsOf(bits(fresh)));
});

test("kawin's model: the slip plane only on request, and asking for it changes no other number", async (t) => {
  const body = { ...SHORT, config: { strength: { model: 'kawin' } } };
  const r = await runWith('wasm', body);
  const config = normalized(body).config;
  const math = (await loadEngineDeps('wasm')).kernel.math;
  t.true(r.strength.phases.every((p) => p.slipPlane === undefined));
  const withSlip = computeStrength(r.series, config, math, { slipPlane: true });
  const numbers = (s: typeof withSlip) =>
    bitsOf([s.totalYieldStrengthMPa, s.hardnessHV, ...s.phases.flatMap((p) => [p.crssMPa, p.mechanism])]);
  t.deepEqual(numbers(withSlip), numbers(r.strength));
  // τ_p is the least of the three CRSS the slip plane carries, in every row.
  for (const p of withSlip.phases) {
    const { weakCrssPa: w, strongCrssPa: s, orowanCrssPa: o } = p.slipPlane!;
    t.true(p.crssMPa.every((tau, i) => tau === Math.min(w[i], s[i], o[i]) / 1e6));
  }
});
