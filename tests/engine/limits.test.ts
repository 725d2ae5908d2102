// The work one request may cause: physical bounds in the schema, a schedule too costly to run rejected
// before it runs, a step budget while it runs, and a recorded series of bounded size that leaves the run
// itself (steps, final state) bit-identical.
import { readdirSync } from 'node:fs';
import test from 'ava';
import { EngineLimitError, simulate, type EngineSeries } from '../../src/engine/index.js';
import { PHASE_QUANTITIES } from '../../src/engine/series.js';
import {
  DEFAULT_MAX_STEPS,
  EXAMPLE_REQUEST,
  KAWIN_EXAMPLE_03,
  validateRequest,
} from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { KERNELS, normalized } from '../helpers/engine.js';
import { FIXTURES, readFixture } from '../../tools/harness/paths.js';

/** The issue's hostile schedules: `n` points alternating between two temperatures over `hours`. */
function alternating(n: number, hours: number, lowC: number, highC: number) {
  return {
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: {
      time_points_hours: Array.from({ length: n }, (_, i) => (i * hours) / n),
      temperatures_celsius: Array.from({ length: n }, (_, i) => (i % 2 ? highC : lowC)),
    },
    simulation_time_hours: hours,
  };
}

const issuesOf = (body: unknown, options = {}) => {
  const result = validateRequest(body, options);
  return result.ok ? [] : result.issues;
};

const OUT_OF_BOUNDS: [string, unknown, string][] = [
  [
    'an interfacial energy of 1e300 J/m²',
    { interfacial_energy: { U2_PHASE: 1e300 } },
    '/config/interfacial_energy/U2_PHASE',
  ],
  [
    'an interfacial energy of 1e-9 J/m²',
    { interfacial_energy: { MGSI_B_P: 1e-9 } },
    '/config/interfacial_energy/MGSI_B_P',
  ],
  [
    'an aspect-ratio prefactor of 1e300',
    { aspect_ratio: { prefactor: 1e300 } },
    '/config/aspect_ratio/prefactor',
  ],
  ['an aspect-ratio exponent of 5', { aspect_ratio: { exponent: 5 } }, '/config/aspect_ratio/exponent'],
  [
    'a shear modulus of 1e300 GPa',
    { dislocation: { shear_modulus_gpa: 1e300 } },
    '/config/dislocation/shear_modulus_gpa',
  ],
  [
    'a Burgers vector of 1e300 nm',
    { dislocation: { burgers_vector_nm: 1e300 } },
    '/config/dislocation/burgers_vector_nm',
  ],
  ['a Taylor factor of 1e300', { taylor_factor: 1e300 }, '/config/taylor_factor'],
];

for (const [what, config, path] of OUT_OF_BOUNDS) {
  test(`rejects ${what} at ${path}`, (t) => {
    const issues = issuesOf({ ...EXAMPLE_REQUEST, config });
    t.deepEqual(
      issues.map((i) => i.path),
      [path],
    );
  });
}

test('rejects a solute outside a dilute Al alloy, in any unit, naming the element', (t) => {
  const rich = issuesOf({
    ...EXAMPLE_REQUEST,
    composition: { MG: 15, SI: 0.5 },
    composition_unit: 'atomic_percent',
  });
  t.deepEqual(
    rich.map((i) => i.path),
    ['/composition/MG'],
  );
  t.regex(rich[0].message, /0\.150 as a mole fraction/);
  const trace = issuesOf({ ...EXAMPLE_REQUEST, composition: { MG: 0.0072, SI: 1e-300 } });
  t.deepEqual(
    trace.map((i) => i.path),
    ['/composition/SI'],
  );
});

test('the examples, the README request and every kawin fixture request stay valid', (t) => {
  const fixtures = readdirSync(`${FIXTURES}kawin`).filter((f) => /^sim-.*\.json$/.test(f));
  const requests = fixtures.map((f) => readFixture<{ request: unknown }>(`kawin/${f}`).request);
  for (const body of [EXAMPLE_REQUEST, KAWIN_EXAMPLE_03, ...requests])
    t.deepEqual(issuesOf(body, { maxSimulationHours: 1000 }), [], JSON.stringify(body).slice(0, 200));
});

test('1,000 points alternating 0/700 °C over 1 h: rejected before it runs, naming the temperatures', (t) => {
  const issues = issuesOf(alternating(1000, 1, 0, 700));
  t.is(issues.length, 1);
  t.is(issues[0].path, '/temperature_profile/temperatures_celsius');
  t.regex(issues[0].message, /heats by 350000 K .* at least 700000 engine steps .* limit is 500000/);
  // The same schedule with a budget that fits it is accepted: the check follows the configured budget.
  t.deepEqual(issuesOf(alternating(1000, 1, 0, 700), { maxSteps: 700_000 }), []);
  // Heating after the end of the run costs nothing.
  t.deepEqual(issuesOf({ ...alternating(1000, 1, 0, 700), simulation_time_hours: 0.5 }), []);
});

test('a run that needs more steps than its budget stops with an EngineLimitError saying so', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const error = await t.throwsAsync(simulate(normalized(KAWIN_EXAMPLE_03), deps, { maxSteps: 2000 }), {
    instanceOf: EngineLimitError,
  });
  t.regex(error?.message ?? '', /needs more than 2000 steps.*stopped at \S+ h of 25\.0 h/);
  t.is(DEFAULT_MAX_STEPS, 500_000);
  const full = await simulate(normalized(KAWIN_EXAMPLE_03), deps, { maxSteps: 16_543 });
  t.is(full.steps, 16_543, 'a run that fits its budget exactly completes');
});

const column = (series: EngineSeries, c: number): Float64Array => {
  const fixed = [series.timeS, series.temperatureK, ...Object.values(series.matrixComposition)];
  if (c < fixed.length) return fixed[c];
  const k = c - fixed.length;
  return series.phases[Math.floor(k / PHASE_QUANTITIES.length)][
    PHASE_QUANTITIES[k % PHASE_QUANTITIES.length]
  ];
};

for (const kernel of KERNELS) {
  test(`${kernel}: a thinned recording keeps every 2ⁿ-th row and the last; the run is bit-identical`, async (t) => {
    const deps = await loadEngineDeps(kernel);
    const request = normalized(KAWIN_EXAMPLE_03);
    const full = await simulate(request, deps);
    const thin = await simulate(request, deps, { maxRecordedRows: 1000 });
    t.is(thin.steps, full.steps);
    t.true(thin.series.length <= 1001, `${thin.series.length} rows`);
    const stride = full.series.timeS.indexOf(thin.series.timeS[1]);
    t.is(Math.log2(stride) % 1, 0, `stride ${stride} is a power of two`);
    const last = thin.series.length - 1;
    const columns = 4 + full.series.phases.length * PHASE_QUANTITIES.length;
    for (let c = 0; c < columns; c++) {
      const a = column(thin.series, c);
      const b = column(full.series, c);
      const rows = Array.from({ length: last }, (_, j) => Object.is(a[j], b[j * stride]));
      t.true(rows.every(Boolean), `column ${c}: row j is row j·${stride} of the full run`);
      t.is(a[last], b[full.series.length - 1], `column ${c}: the last row is the final state`);
    }
    const { peak_yield_strength_mpa: _p, peak_yield_strength_time_hours: _h, ...finalThin } = thin.summary;
    const { peak_yield_strength_mpa: _q, peak_yield_strength_time_hours: _i, ...finalFull } = full.summary;
    t.deepEqual(finalThin, finalFull);
  });
}
