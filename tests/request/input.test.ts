// What a person types: element symbols in any case ("Mg" for MG), and percentages entered with the default
// mole-fraction unit, which get a hint naming composition_unit and the unit the numbers fit.
import test from 'ava';
import {
  DEFAULT_MAX_SIMULATION_HOURS,
  KAWIN_EXAMPLE_03,
  validateRequest,
  type ValidationIssue,
} from '../../src/request/index.js';

const issuesOf = (body: unknown): ValidationIssue[] => {
  const checked = validateRequest(body);
  return checked.ok ? [] : checked.issues;
};

test('element symbols in any case are the database’s: "Mg" and "si" are MG and SI', (t) => {
  const upper = validateRequest(KAWIN_EXAMPLE_03);
  const mixed = validateRequest({ ...KAWIN_EXAMPLE_03, composition: { Mg: 0.0072, si: 0.0057 } });
  t.true(upper.ok && mixed.ok);
  if (upper.ok && mixed.ok) t.deepEqual(mixed.request, upper.request);
});

test('an unknown or doubled symbol is still named by the schema, as typed', (t) => {
  t.deepEqual(issuesOf({ ...KAWIN_EXAMPLE_03, composition: { Mg: 0.0072, SI: 0.0057, Cu: 0.001 } }), [
    { path: '/composition/Cu', message: 'is not a known field' },
  ]);
  t.deepEqual(issuesOf({ ...KAWIN_EXAMPLE_03, composition: { Mg: 0.0072, MG: 0.0072, SI: 0.0057 } }), [
    { path: '/composition/Mg', message: 'is not a known field' },
  ]);
});

test('wt.% typed as mole fractions: the sum error says "did you mean weight_percent?"', (t) => {
  const issues = issuesOf({ ...KAWIN_EXAMPLE_03, composition: { MG: 1.0, SI: 0.6 } });
  t.is(issues.length, 1);
  t.is(issues[0].path, '/composition');
  t.is(
    issues[0].message,
    'solute contents sum to 1.6; they must sum to less than 1 (mole_fraction) — did you mean ' +
      'weight_percent? (set composition_unit; atomic_percent also fits)',
  );
});

test('a single solute out of range as a mole fraction gets the hint too, on its own field', (t) => {
  const issues = issuesOf({ ...KAWIN_EXAMPLE_03, composition: { Mg: 0.72, SI: 0.005 } });
  t.deepEqual(
    issues.map((i) => i.path),
    ['/composition/MG'],
  );
  t.regex(issues[0].message, /^is 0\.720 as a mole fraction; .* — did you mean weight_percent\?/);
});

test('no hint where no percentage unit fits the numbers, nor for a unit other than mole_fraction', (t) => {
  const noFit = issuesOf({ ...KAWIN_EXAMPLE_03, composition: { MG: 60, SI: 30 } });
  t.is(noFit.length, 1);
  t.notRegex(noFit[0].message, /did you mean/);
  const percent = issuesOf({
    ...KAWIN_EXAMPLE_03,
    composition_unit: 'weight_percent',
    composition: { MG: 60, SI: 50 },
  });
  t.regex(
    percent[0].message,
    /^solute contents sum to 110; they must sum to less than 100 \(weight_percent\)$/,
  );
});

test('the service’s limit on simulated time is unchanged: 100 h by default', (t) => {
  t.is(DEFAULT_MAX_SIMULATION_HOURS, 100);
  t.deepEqual(issuesOf({ ...KAWIN_EXAMPLE_03, simulation_time_hours: 504 }), [
    { path: '/simulation_time_hours', message: 'must be at most 100 h (the configured maximum)' },
  ]);
});
