// The calibration document: the schema and the checks beyond it, every problem named by JSON pointer.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { checkCalibration } from '../../src/calibrate/document.js';

// A JSON document edited freely by the tests below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;
const example = JSON.parse(readFileSync('examples/calibration/aa6063-175C.json', 'utf8')) as Doc;

const withChange = (change: (doc: Doc) => void) => {
  const doc = structuredClone(example);
  change(doc);
  return checkCalibration(doc, { maxSimulationHours: 1000 });
};

const issuesOf = (result: ReturnType<typeof checkCalibration>) => (result.ok ? [] : result.issues);
const paths = (result: ReturnType<typeof checkCalibration>) => issuesOf(result).map((i) => i.path);

test('the AA6063 example becomes a plan: one experiment, its measurements, four parameters', (t) => {
  const result = checkCalibration(example, { maxSimulationHours: 1000 });
  if (!result.ok) return t.fail(JSON.stringify(result.issues));
  const [e] = result.plan.experiments;
  t.is(e.observations.length, 18);
  t.is(e.raw.simulation_time_hours, 504); // the last measurement's time
  t.deepEqual(e.observations[0], { timeHours: 0.5, quantity: 'yield_strength_mpa', value: 94.1, sd: 2.5 });
  t.deepEqual(result.plan.parameters[2].paths, ['/config/mobility_factor/MG', '/config/mobility_factor/SI']);
  t.is(result.plan.parameters[3].name, 'taylor_factor');
  t.deepEqual(result.plan.method, { seed: 1, maxEvaluations: 200, walkers: 10, steps: 30, burnIn: 20 });
});

test('an observation must give exactly one quantity; sd defaults to 5 % of the value', (t) => {
  const two = withChange((d) => (d.experiments[0].observations[3].hardness_hv = 80));
  t.deepEqual(paths(two), ['/experiments/0/observations/3']);
  t.regex(issuesOf(two)[0].message, /exactly one of yield_strength_mpa, hardness_hv/);
  const none = withChange((d) => delete d.experiments[0].observations[1].yield_strength_mpa);
  t.deepEqual(paths(none), ['/experiments/0/observations/1']);
  const noSd = withChange((d) => delete d.experiments[0].observations[0].sd);
  if (!noSd.ok) return t.fail();
  t.is(noSd.plan.experiments[0].observations[0].sd, 0.05 * 94.1);
});

test('a pointer that names no numeric field of the request is refused at its place', (t) => {
  const result = withChange((d) => (d.parameters[2].path[1] = '/config/mobility_factor/ZN'));
  t.deepEqual(paths(result), ['/parameters/2/path/1']);
  t.regex(issuesOf(result)[0].message, /no field 'ZN'/);
  t.deepEqual(paths(withChange((d) => (d.parameters[0].path = '/config/interfacial_energy'))), [
    '/parameters/0/path',
  ]);
});

test('bounds that make a request invalid, or that cannot be log-scaled, name the bound', (t) => {
  const low = withChange((d) => (d.parameters[0].min = 0.0001));
  t.deepEqual(paths(low), ['/parameters/0/min']);
  t.regex(issuesOf(low)[0].message, /\/config\/interfacial_energy\/MG5SI6_B_DP must be >= 0.001/);
  t.deepEqual(paths(withChange((d) => (d.parameters[3].max = 0.5))), ['/parameters/3/max']);
  t.deepEqual(paths(withChange((d) => Object.assign(d.parameters[3], { min: 0, scale: 'log' }))), [
    '/parameters/3/min',
  ]);
});

test("an experiment's request problems point into the experiment or into the shared base", (t) => {
  const rich = withChange((d) => (d.experiments[0].composition.MG = 50));
  t.deepEqual(paths(rich), ['/experiments/0/composition/MG']);
  const base = withChange((d) => (d.base.phases = ['MGSI_B_P']));
  t.true(base.ok);
  const dropped = withChange((d) => (d.base.max_points = 1));
  t.deepEqual(paths(dropped), ['/base/max_points']);
  const late = withChange((d) => (d.experiments[0].simulation_time_hours = 100));
  t.deepEqual(
    paths(late),
    [14, 15, 16, 17].map((j) => `/experiments/0/observations/${j}/time_hours`),
  );
  const phase = withChange((d) => (d.experiments[0].observations[0].phase = 'U1_PHASE'));
  t.deepEqual(paths(phase), ['/experiments/0/observations/0/phase']);
});

test('a calibration asking for more runs than allowed is refused before it starts', (t) => {
  const result = withChange((d) => Object.assign(d.method, { walkers: 128, steps: 5000 }));
  t.deepEqual(paths(result), ['/method']);
  t.regex(issuesOf(result)[0].message, /at most 200000/);
  t.deepEqual(paths(withChange((d) => (d.method.walkers = 4))), ['/method/walkers']);
});

test('a time to peak is an observation item of its own, checked field by field', (t) => {
  const peak = { time_to_peak_hours: 8, quantity: 'yield_strength_mpa', sd_factor: 1.22 };
  const ok = withChange((d) => d.experiments[0].observations.push(peak));
  if (!ok.ok) return t.fail(JSON.stringify(ok.issues));
  const [e] = ok.plan.experiments;
  t.is(e.observations.length, 18);
  t.deepEqual(e.peakTimes, [{ timeHours: 8, quantity: 'yield_strength_mpa', sdFactor: 1.22 }]);
  const at = '/experiments/0/observations/18';
  const withPeak = (change: object) =>
    withChange((d) => d.experiments[0].observations.push({ ...peak, ...change }));
  t.deepEqual(issuesOf(withPeak({ sd_factor: 1 })), [{ path: `${at}/sd_factor`, message: 'must be > 1' }]);
  const radius = withPeak({ quantity: 'mean_radius_nm' });
  t.deepEqual(paths(radius), [`${at}/quantity`]);
  t.regex(issuesOf(radius)[0].message, /must be one of yield_strength_mpa, hardness_hv/);
  const noFactor = withChange((d) =>
    d.experiments[0].observations.push({ time_to_peak_hours: 8, quantity: 'hardness_hv' }),
  );
  t.deepEqual(paths(noFactor), [`${at}/sd_factor`]);
  t.is(issuesOf(noFactor)[0].message, 'is required');
  t.deepEqual(paths(withPeak({ time_hours: 8 })), [`${at}/time_hours`]);
  const late = withChange((d) => {
    d.experiments[0].simulation_time_hours = 504;
    d.experiments[0].observations.push({ ...peak, time_to_peak_hours: 600 });
  });
  t.deepEqual(issuesOf(late), [
    { path: `${at}/time_to_peak_hours`, message: 'is after simulation_time_hours (504 h)' },
  ]);
});

test('simulation_time_hours defaults to the latest of the measurements and the times to peak', (t) => {
  const result = withChange((d) => {
    d.experiments[0].observations = [
      { time_hours: 2, yield_strength_mpa: 170 },
      { time_to_peak_hours: 8, quantity: 'yield_strength_mpa', sd_factor: 1.5 },
    ];
  });
  if (!result.ok) return t.fail(JSON.stringify(result.issues));
  t.is(result.plan.experiments[0].raw.simulation_time_hours, 8);
});
