// The request schema and its extra checks: every problem reported with its JSON path.
import test from 'ava';
import {
  EXAMPLE_REQUEST,
  KAWIN_EXAMPLE_03,
  PHASES,
  toMoleFractions,
  validateRequest,
} from '../../src/request/index.js';

const withChange = (change: (body: Record<string, unknown>) => void) => {
  const body = structuredClone(EXAMPLE_REQUEST) as Record<string, unknown>;
  change(body);
  return validateRequest(body);
};

const pathsOf = (result: ReturnType<typeof validateRequest>) =>
  result.ok ? [] : result.issues.map((i) => i.path);

test('the example request is valid and gets every default', (t) => {
  const result = validateRequest(EXAMPLE_REQUEST);
  if (!result.ok) return t.fail(JSON.stringify(result.issues));
  t.deepEqual(result.request.phases, [...PHASES]);
  t.is(result.request.max_points, 500);
  t.is(result.request.config.taylor_factor, 2.24);
  t.is(result.request.config.interfacial_energy.MG5SI6_B_DP, 0.084);
  t.deepEqual(result.request.config.aspect_ratio, { prefactor: 5.55, exponent: 0.24 });
});

test('partial config groups are merged with the defaults', (t) => {
  const result = validateRequest({
    ...KAWIN_EXAMPLE_03,
    config: { dislocation: { poisson_ratio: 0.3 }, interfacial_energy: { U1_PHASE: 0.2 } },
  });
  if (!result.ok) return t.fail();
  t.deepEqual(result.request.config.dislocation, {
    shear_modulus_gpa: 25.4,
    burgers_vector_nm: 0.286,
    poisson_ratio: 0.3,
  });
  t.is(result.request.config.interfacial_energy.U1_PHASE, 0.2);
  t.is(result.request.config.interfacial_energy.MGSI_B_P, 0.18);
});

const BAD: [string, (b: Record<string, unknown>) => void, string][] = [
  ['negative solute', (b) => ((b.composition as Record<string, number>).MG = -0.01), '/composition/MG'],
  ['zero solute', (b) => ((b.composition as Record<string, number>).SI = 0), '/composition/SI'],
  ['solute as a string', (b) => ((b.composition as Record<string, unknown>).SI = '0.5'), '/composition/SI'],
  ['unknown element', (b) => ((b.composition as Record<string, number>).CU = 0.01), '/composition/CU'],
  ['missing solute', (b) => delete (b.composition as Record<string, number>).MG, '/composition/MG'],
  ['solute sum ≥ 1', (b) => (b.composition = { MG: 0.6, SI: 0.5 }), '/composition'],
  [
    'time points not increasing',
    (b) => (b.temperature_profile = { time_points_hours: [0, 16, 16], temperatures_celsius: [1, 2, 3] }),
    '/temperature_profile/time_points_hours/2',
  ],
  [
    'arrays of unequal length',
    (b) => (b.temperature_profile = { time_points_hours: [0, 1], temperatures_celsius: [175] }),
    '/temperature_profile/temperatures_celsius',
  ],
  [
    'temperature above 700 °C',
    (b) => (b.temperature_profile = { time_points_hours: [0], temperatures_celsius: [701] }),
    '/temperature_profile/temperatures_celsius/0',
  ],
  [
    'negative time point',
    (b) => (b.temperature_profile = { time_points_hours: [-1], temperatures_celsius: [175] }),
    '/temperature_profile/time_points_hours/0',
  ],
  ['simulation time 0', (b) => (b.simulation_time_hours = 0), '/simulation_time_hours'],
  ['simulation time above the maximum', (b) => (b.simulation_time_hours = 101), '/simulation_time_hours'],
  ['unknown phase', (b) => (b.phases = ['MGSI_B_P', 'THETA']), '/phases/1'],
  ['duplicate phase', (b) => (b.phases = ['MGSI_B_P', 'MGSI_B_P']), '/phases'],
  ['unknown top-level field', (b) => (b.colour = 'red'), '/colour'],
  ['bad unit', (b) => (b.composition_unit = 'ppm'), '/composition_unit'],
  ['max_points too large', (b) => (b.max_points = 5001), '/max_points'],
  [
    'poisson ratio 0.5',
    (b) => (b.config = { dislocation: { poisson_ratio: 0.5 } }),
    '/config/dislocation/poisson_ratio',
  ],
  [
    'huge profile',
    (b) =>
      (b.temperature_profile = {
        time_points_hours: Array.from({ length: 1001 }, (_, i) => i),
        temperatures_celsius: Array(1001).fill(175),
      }),
    '/temperature_profile/time_points_hours',
  ],
];

for (const [what, change, path] of BAD) {
  test(`rejects ${what} at ${path}`, (t) => {
    t.true(pathsOf(withChange(change)).includes(path), JSON.stringify(withChange(change)));
  });
}

test('several problems are all reported', (t) => {
  const result = validateRequest({
    composition: { MG: -1 },
    temperature_profile: { time_points_hours: [0, 0], temperatures_celsius: [1, 2] },
  });
  t.deepEqual(
    pathsOf(result).sort(),
    ['/composition/MG', '/composition/SI', '/simulation_time_hours'].sort(),
  );
});

test('a configured maximum simulation time is honoured', (t) => {
  t.true(
    validateRequest({ ...KAWIN_EXAMPLE_03, simulation_time_hours: 150 }, { maxSimulationHours: 200 }).ok,
  );
});

test('atomic and weight percent are converted to mole fractions', (t) => {
  const at = toMoleFractions({ MG: 0.72, SI: 0.57 }, 'atomic_percent');
  t.true(Math.abs(at.MG - 0.0072) < 1e-17 && Math.abs(at.SI - 0.0057) < 1e-17);
  // 1 wt.% Mg, 1 wt.% Si, 98 wt.% Al: moles 1/24.305, 1/28.0855, 98/26.98154
  const wt = toMoleFractions({ MG: 1, SI: 1 }, 'weight_percent');
  const total = 1 / 24.305 + 1 / 28.0855 + 98 / 26.98154;
  t.true(Math.abs(wt.MG - 1 / 24.305 / total) < 1e-15);
  t.true(Math.abs(wt.SI - 1 / 28.0855 / total) < 1e-15);
  const result = validateRequest({
    ...KAWIN_EXAMPLE_03,
    composition: { MG: 0.72, SI: 0.57 },
    composition_unit: 'atomic_percent',
  });
  t.true(
    result.ok &&
      Math.abs(result.request.composition.MG - 0.0072) < 1e-17 &&
      result.request.composition_unit === 'mole_fraction',
  );
});
