// The page's form logic without a browser: the model ↔ request body, unit switching, the profile editor
// and, under jsdom, the form's DOM (rendering, reading back, labels, validation messages on fields).
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import {
  EXAMPLE_REQUEST,
  KAWIN_EXAMPLE_03,
  toMoleFractions,
  validateRequest,
  type ValidationIssue,
} from '../../src/request/index.js';
import { clearIssues, issuesFromProblem, showIssues } from '../../src/web/form/errors.js';
import { bodyFromModel, initialModel, modelFromBody, parseNumberText } from '../../src/web/form/model.js';
import { readForm, renderForm, renderProfileRows } from '../../src/web/form/render.js';
import { PRESETS, presetByName } from '../../src/web/form/presets.js';
import {
  addRow,
  pointsPastEndWarning,
  profileCurve,
  removeRow,
  updateRow,
} from '../../src/web/form/schedule.js';
import { describeAlloy, describePeak, describeSchedule } from '../../src/web/describe.js';
import { ROOT } from '../../tools/harness/paths.js';
import { convertCompositionTexts, fromMoleFractions } from '../../src/web/form/units.js';

function formRoot(): HTMLElement {
  const dom = new JSDOM('<!doctype html><form><div id="fields"></div></form>');
  return dom.window.document.getElementById('fields') as HTMLElement;
}

test('the untouched form is exactly its preset: a T6 by default, ?example=NAME for each preset', (t) => {
  const t6 = {
    composition: { MG: 0.72, SI: 0.57 },
    composition_unit: 'atomic_percent',
    temperature_profile: { time_points_hours: [0, 8], temperatures_celsius: [175, 175] },
    simulation_time_hours: 8,
  };
  t.deepEqual(bodyFromModel(initialModel('')), t6);
  t.deepEqual(bodyFromModel(initialModel('?example=nonsense')), t6);
  t.deepEqual(bodyFromModel(initialModel('?example=seed')), EXAMPLE_REQUEST);
  t.deepEqual(bodyFromModel(initialModel('?example=kawin03')), {
    ...KAWIN_EXAMPLE_03,
    composition_unit: 'mole_fraction',
  });
  for (const preset of PRESETS) {
    const body = bodyFromModel(initialModel(`?example=${preset.name}`));
    t.deepEqual(body, { composition_unit: 'mole_fraction', ...preset.body }, preset.name);
    t.true(validateRequest(body).ok, `${preset.name} is a valid request within the service's limits`);
  }
  t.deepEqual(
    PRESETS.map((p) => p.name),
    ['t6-175', 't6-160', 'natural-artificial', 'two-step', 'kawin03', 'seed'],
  );
});

test('kawin example 03 preset is the reference case tools/reference runs', async (t) => {
  const reference = JSON.parse(await readFile(`${ROOT}tools/reference/cases/example03.json`, 'utf8'));
  const ours = validateRequest(presetByName('kawin03').body);
  const theirs = validateRequest(reference);
  t.true(ours.ok && theirs.ok);
  if (ours.ok && theirs.ok) t.deepEqual(ours.request, theirs.request);
});

test('profile points after the end of the simulation are named in a warning', (t) => {
  const rows = [
    { hours: '0', celsius: '175' },
    { hours: '8', celsius: '175' },
    { hours: '30', celsius: '250' },
    { hours: '', celsius: '250' },
  ];
  t.is(
    pointsPastEndWarning(rows, 25),
    'Point 3 (30 h) is after the end of the simulation (25 h) and never reached: lengthen the ageing ' +
      'time simulated or remove them.',
  );
  t.regex(pointsPastEndWarning(rows, 5), /^Points 2 \(8 h\), 3 \(30 h\) are after the end/);
  t.is(pointsPastEndWarning(rows, 30), '');
  t.is(pointsPastEndWarning(rows, Number('')), '');
});

test('the jobs list describes a job by alloy, schedule and peak', (t) => {
  const request = {
    composition: { Mg: 0.5, SI: 0.435 },
    composition_unit: 'weight_percent',
    temperature_profile: {
      time_points_hours: [0, 2, 2.25, 10.25],
      temperatures_celsius: [100, 100, 175, 175],
    },
    simulation_time_hours: 10.25,
  };
  t.is(describeAlloy(request), 'Mg 0.5, Si 0.435 wt.%');
  t.is(describeSchedule(request), '100 → 175 °C, 10.25 h');
  t.is(describeAlloy(EXAMPLE_REQUEST), 'Mg 0.0072, Si 0.0057 mole fraction');
  const summary = { peak_yield_strength_mpa: 446.4389637, peak_yield_strength_time_hours: 1.4162 };
  t.is(describePeak(summary), '446 at 1.42 h');
  t.is(describePeak({ ...summary, peak_reached: false }), '446 at 1.42 h (not reached)');
  t.is(describePeak(undefined), '');
});

test('typed texts become numbers, or stay text so that validation gives the API message', (t) => {
  t.is(parseNumberText(' 1e-3 '), 0.001);
  t.is(parseNumberText('.5'), 0.5);
  t.is(parseNumberText('0x10'), '0x10');
  t.is(parseNumberText('12abc'), '12abc');
  const model = initialModel('?example=seed');
  model.composition.MG = '0,72';
  const checked = validateRequest(bodyFromModel(model));
  t.false(checked.ok);
  if (!checked.ok) t.deepEqual(checked.issues, [{ path: '/composition/MG', message: 'must be number' }]);
});

test('only what differs from the defaults is sent: phases, advanced fields, blanks', (t) => {
  const model = initialModel('?example=seed');
  model.phases = ['MGSI_B_P', 'MG5SI6_B_DP'];
  model.advanced['/config/taylor_factor'] = '3.06';
  model.advanced['/config/dislocation/poisson_ratio'] = '';
  model.advanced['/max_points'] = '200';
  const body = bodyFromModel(model);
  t.deepEqual(body.phases, ['MGSI_B_P', 'MG5SI6_B_DP']);
  t.deepEqual(body.config, { taylor_factor: 3.06 });
  t.is(body.max_points, 200);
  model.composition.SI = ' ';
  const checked = validateRequest(bodyFromModel(model));
  t.false(checked.ok);
  if (!checked.ok) t.deepEqual(checked.issues, [{ path: '/composition/SI', message: 'is required' }]);
  t.deepEqual(modelFromBody(body as Parameters<typeof modelFromBody>[0]).phases, ['MGSI_B_P', 'MG5SI6_B_DP']);
});

test('unit conversion keeps the alloy: mole fraction ↔ at.% ↔ wt.%', (t) => {
  const x = { MG: 0.0072, SI: 0.0057 };
  const wt = fromMoleFractions(x, 'weight_percent');
  const back = toMoleFractions(wt, 'weight_percent');
  t.true(Math.abs(back.MG - x.MG) < 1e-15 && Math.abs(back.SI - x.SI) < 1e-15);
  t.true(wt.MG > 0.64 && wt.MG < 0.66, `Mg ${wt.MG} wt.%`); // lighter than Al: fewer wt.% than at.%
  const texts = { MG: '0.0072', SI: '0.0057' };
  t.deepEqual(convertCompositionTexts(texts, 'mole_fraction', 'atomic_percent'), { MG: '0.72', SI: '0.57' });
  const inWt = convertCompositionTexts(texts, 'mole_fraction', 'weight_percent');
  t.deepEqual(convertCompositionTexts(inWt, 'weight_percent', 'mole_fraction'), texts);
  // Text that is not a number yet is never lost by a switch.
  t.deepEqual(convertCompositionTexts({ MG: '0.7x', SI: '0.5' }, 'atomic_percent', 'weight_percent'), {
    MG: '0.7x',
    SI: '0.5',
  });
});

test('schedule editing: add after the last point, remove but keep one, and the T(t) curve', (t) => {
  const rows = initialModel('?example=seed').rows;
  t.deepEqual(addRow(rows).at(-1), { hours: '18', celsius: '200' });
  t.deepEqual(addRow([]), [{ hours: '0', celsius: '180' }]);
  t.deepEqual(
    removeRow(rows, 1).map((r) => r.hours),
    ['0', '17'],
  );
  t.deepEqual(removeRow([rows[0]], 0), [rows[0]]);
  t.deepEqual(updateRow(rows, 2, { celsius: '250' })[2], { hours: '17', celsius: '250' });
  t.deepEqual(profileCurve(rows, 25), { hours: [0, 16, 17, 25], celsius: [199, 199, 200, 200] });
  t.deepEqual(
    profileCurve(
      [
        { hours: '2', celsius: '180' },
        { hours: '', celsius: '190' },
      ],
      10,
    ),
    {
      hours: [0, 2, 10],
      celsius: [180, 180, 180],
    },
  );
});

test('the form renders the model, reads it back, and labels every control (jsdom)', (t) => {
  const root = formRoot();
  const model = initialModel('?example=kawin03');
  model.unit = 'atomic_percent';
  model.composition = { MG: '0.72', SI: '0.57' };
  model.phases = ['B_PRIME_L'];
  renderForm(root, model);
  t.deepEqual(readForm(root), model);
  const doc = root.ownerDocument;
  for (const control of root.querySelectorAll('input, select')) {
    const labelled =
      control.hasAttribute('aria-label') || doc.querySelector(`label[for="${control.id}"]`) !== null;
    t.true(labelled, `control ${control.id || control.outerHTML} has no label`);
  }
  const rows = addRow(model.rows);
  renderProfileRows(root, rows);
  t.is(readForm(root).rows.length, 4);
  renderProfileRows(root, [rows[0]]);
  t.true((root.querySelector('button[data-action="remove-row"]') as HTMLButtonElement).disabled);
});

test('issues go next to their fields with the validation messages, and are cleared (jsdom)', (t) => {
  const root = formRoot();
  const model = initialModel('?example=seed');
  model.rows[2].hours = '12';
  model.composition.MG = '0.9';
  model.composition.SI = '0.2';
  model.advanced['/config/dislocation/poisson_ratio'] = '0.7';
  renderForm(root, model);
  const checked = validateRequest(bodyFromModel(readForm(root)));
  t.false(checked.ok);
  const issues = (checked as { issues: ValidationIssue[] }).issues;
  const first = showIssues(root, issues);
  t.truthy(first);
  const slot = (pointer: string) => root.querySelector(`[data-error-for="${pointer}"]`)?.textContent;
  // Schema errors come first (Ajv), then the checks it cannot express, as the API reports them.
  t.is(slot('/config/dislocation/poisson_ratio'), 'must be < 0.5');
  t.true(root.querySelector('details')?.hasAttribute('open'));
  const poisson = root.querySelector('[data-pointer="/config/dislocation/poisson_ratio"]');
  t.is(poisson?.getAttribute('aria-invalid'), 'true');
  const poissonSlot = root.querySelector('[data-error-for="/config/dislocation/poisson_ratio"]');
  t.is(poisson?.getAttribute('aria-describedby'), poissonSlot?.id);
  // Without the schema error, the semantic checks show on the time point and on the composition group.
  model.advanced['/config/dislocation/poisson_ratio'] = '0.34';
  renderForm(root, model);
  const semantic = validateRequest(bodyFromModel(readForm(root)));
  showIssues(root, (semantic as { issues: ValidationIssue[] }).issues);
  t.is(
    slot('/temperature_profile/time_points_hours/2'),
    'must be greater than the previous time point (16 h)',
  );
  t.regex(slot('/composition') ?? '', /^solute contents sum to 1\.1; they must sum to less than 1/);
  clearIssues(root);
  t.is(root.querySelectorAll('[aria-invalid="true"]').length, 0);
  t.is(slot('/composition'), '');
});

test("the API's 422 problem maps to the same field issues", (t) => {
  const problem = {
    status: 422,
    errors: [
      {
        in: 'body',
        pointer: '/simulation_time_hours',
        detail: 'must be at most 50 h (the configured maximum)',
      },
      { in: 'header', pointer: 'Content-Type', detail: 'must be application/json' },
    ],
  };
  t.deepEqual(issuesFromProblem(problem), [
    { path: '/simulation_time_hours', message: 'must be at most 50 h (the configured maximum)' },
  ]);
  t.deepEqual(issuesFromProblem(undefined), []);
});
