// The Calibrate view's parts outside the browser: the CSV reader names the bad line, the bundled example
// is the fixture, the document the view builds is one the core accepts (kawin's strength added when a
// strength constant is chosen), and a fitted config survives the form (fields the form lacks carried).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { checkCalibration } from '../../src/calibrate/document.js';
import { PARAMETER_CHOICES } from '../../src/web/calibrate/choices.js';
import { DEFAULT_METHOD } from '../../src/web/calibrate/controls.js';
import { parseMeasurements } from '../../src/web/calibrate/csv.js';
import { calibrationDocument } from '../../src/web/calibrate/document.js';
import { EXAMPLE, EXAMPLE_MEASUREMENTS } from '../../src/web/calibrate/example.js';
import { LOCAL_MAX_HOURS } from '../../src/web/calibrate/view.js';
import { bodyFromModel, modelFromBody } from '../../src/web/form/model.js';
import { PRESETS } from '../../src/web/form/presets.js';
import { ROOT } from '../../tools/harness/paths.js';

const METHOD = { seed: 1, maxEvaluations: 10, walkers: 16, steps: 2, burnIn: 1 };

test('CSV: header, comments, separators and a missing sd are read', (t) => {
  const parsed = parseMeasurements(
    'time_h, value, sd\n# a comment\n0.5;100;5\n\n2\t150\n8 200 7\n',
    'hardness_hv',
  );
  t.deepEqual(parsed, {
    ok: true,
    measurements: [
      { timeHours: 0.5, value: 100, sd: 5 },
      { timeHours: 2, value: 150 },
      { timeHours: 8, value: 200, sd: 7 },
    ],
  });
});

test('CSV: a problem names its line and column', (t) => {
  const cases: [string, number, RegExp][] = [
    ['time_h,value,sd\n1,100,5\n2,abc,5', 3, /line 3: value 'abc' is not a number/],
    ['1,100,5\n-2,100,5', 2, /line 2: time_h -2 is negative/],
    ['1,100,5\n\n2,100,0', 3, /line 3: sd 0 must be above 0/],
    ['1,100,5,7', 1, /line 1: expected 2 or 3 values/],
    ['1,1.5', 1, /line 1: value 1.5 is out of range for volume_fraction/],
    ['time_h, value', 1, /no measurements/],
  ];
  for (const [text, line, message] of cases) {
    const parsed = parseMeasurements(text, text === '1,1.5' ? 'volume_fraction' : 'yield_strength_mpa');
    if (parsed.ok) return t.fail(text);
    t.is(parsed.line, line, text);
    t.regex(parsed.message, message);
  }
});

test('the bundled example is the AA6063 fixture', (t) => {
  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'tests/fixtures/experiments/sekhar19-6063-175C.json'), 'utf8'),
  ) as Record<string, number[] & Record<string, number>>;
  t.deepEqual(
    EXAMPLE_MEASUREMENTS.map((m) => [m.timeHours, m.value, m.sd]),
    fixture.time_h.map((h, i) => [h, fixture.yield_strength_mpa[i], fixture.yield_strength_sd_mpa[i]]),
  );
  t.deepEqual(EXAMPLE.composition, fixture.composition_wt_pct);
  t.deepEqual(EXAMPLE.temperature_profile.temperatures_celsius, [fixture.temperature_c]);
});

test('the view’s document with every offered parameter is one the core accepts', (t) => {
  const body = PRESETS[0].body as unknown as Record<string, unknown>;
  const document = calibrationDocument({
    body,
    alloy: 'example',
    quantity: 'yield_strength_mpa',
    measurements: EXAMPLE_MEASUREMENTS,
    parameters: PARAMETER_CHOICES,
    method: METHOD,
  });
  const checked = checkCalibration(document, { maxSimulationHours: LOCAL_MAX_HOURS });
  if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
  t.is(checked.plan.parameters.length, PARAMETER_CHOICES.length);
  t.is(checked.plan.experiments[0].observations.length, EXAMPLE_MEASUREMENTS.length);
  t.like(document, { base: { config: { strength: { model: 'kawin' } } } });
  // Without a strength constant the form's config goes as it is (none for the T6 preset).
  const plain = calibrationDocument({
    body,
    alloy: 'form',
    quantity: 'hardness_hv',
    measurements: [{ timeHours: 1, value: 60 }],
    parameters: PARAMETER_CHOICES.slice(0, 1),
    method: METHOD,
  });
  t.deepEqual(plain.base, {});
  t.true(checkCalibration(plain).ok);
});

test('the view’s example with its default parameters and method is the CLI example, plan for plan', (t) => {
  const cli = JSON.parse(
    readFileSync(join(ROOT, 'examples/calibration/aa6063-175C-kawin.json'), 'utf8'),
  ) as unknown;
  const page = calibrationDocument({
    body: PRESETS[0].body as unknown as Record<string, unknown>,
    alloy: 'example',
    quantity: EXAMPLE.quantity,
    measurements: EXAMPLE_MEASUREMENTS,
    parameters: PARAMETER_CHOICES.filter((p) => p.chosen),
    method: DEFAULT_METHOD,
  });
  const limits = { maxSimulationHours: LOCAL_MAX_HOURS };
  const [a, b] = [checkCalibration(page, limits), checkCalibration(cli, limits)];
  if (!a.ok) return t.fail(JSON.stringify(a.issues));
  if (!a.ok || !b.ok) return t.fail();
  t.deepEqual(a.plan, b.plan);
});

test('a fitted config survives the form: carried fields kept, the form’s fields win', (t) => {
  const config = {
    mobility_factor: { MG: 3, SI: 3 },
    interfacial_energy: { MG5SI6_B_DP: 0.09 },
    strength: {
      model: 'kawin',
      base_strength_mpa: 40,
      contributions: [{ type: 'coherency', misfit_strain: 0.03 }],
    },
  };
  const model = modelFromBody({ ...(PRESETS[0].body as object), config } as Parameters<
    typeof modelFromBody
  >[0]);
  t.is(model.advanced['/config/interfacial_energy/MG5SI6_B_DP'], '0.09');
  t.is(model.advanced['/config/strength/base_strength_mpa'], '40');
  const body = bodyFromModel({
    ...model,
    advanced: { ...model.advanced, '/config/strength/base_strength_mpa': '55' },
  });
  t.deepEqual(body.config, {
    mobility_factor: { MG: 3, SI: 3 },
    interfacial_energy: { MG5SI6_B_DP: 0.09 },
    strength: {
      model: 'kawin',
      base_strength_mpa: 55,
      contributions: [{ type: 'coherency', misfit_strain: 0.03 }],
    },
  });
  // A preset without config still gives exactly its body.
  t.deepEqual(
    bodyFromModel(modelFromBody(PRESETS[0].body as Parameters<typeof modelFromBody>[0])),
    PRESETS[0].body,
  );
});
