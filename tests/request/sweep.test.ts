// Sweep documents into runs: values and ranges, grid and zip, multi-place axes, and errors naming the axis.
import test from 'ava';
import { axisValues, expandSweep } from '../../src/request/sweep.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';

const base = { ...KAWIN_EXAMPLE_03, simulation_time_hours: 10 };

test('ranges: linear and log with exact ends', (t) => {
  t.deepEqual(axisValues({ from: 140, to: 260, count: 4 }), [140, 180, 220, 260]);
  const log = axisValues({ from: 0.1, to: 10, count: 3, scale: 'log' });
  t.is(log[0], 0.1);
  t.true(Math.abs(log[1] - 1) < 1e-12);
  t.is(log[2], 10);
  t.deepEqual(axisValues({ from: 5, to: 9, count: 1 }), [5]);
});

test('grid: every combination, last axis fastest, each request normalized', (t) => {
  const out = expandSweep({
    base,
    axes: [
      { path: '/isothermal_temperature_celsius', values: [160, 180] },
      { path: '/composition/MG', values: [0.006, 0.007, 0.008] },
    ],
  });
  if (!out.ok) return t.fail(JSON.stringify(out.issues));
  t.is(out.sweep.runs.length, 6);
  t.deepEqual(out.sweep.runs[4].axisValues, [180, 0.007]);
  t.deepEqual(out.sweep.runs[4].request.temperature_profile.temperatures_celsius, [180, 180, 180]);
  t.is(out.sweep.runs[4].request.composition.MG, 0.007);
  t.is(out.sweep.runs[4].request.config.taylor_factor, 2.24);
  t.is(out.sweep.axes[0].name, '/isothermal_temperature_celsius');
});

test('zip and a list of places with offsets (a first step of variable length)', (t) => {
  const out = expandSweep({
    base: {
      ...base,
      temperature_profile: { time_points_hours: [0, 2, 2.5], temperatures_celsius: [180, 180, 175] },
    },
    combine: 'zip',
    axes: [
      {
        name: 'first step (h)',
        path: [
          '/temperature_profile/time_points_hours/1',
          { pointer: '/temperature_profile/time_points_hours/2', offset: 0.5 },
        ],
        values: [2, 4],
      },
      {
        path: ['/temperature_profile/temperatures_celsius/0', '/temperature_profile/temperatures_celsius/1'],
        values: [160, 200],
      },
    ],
  });
  if (!out.ok) return t.fail(JSON.stringify(out.issues));
  t.is(out.sweep.runs.length, 2);
  t.deepEqual(out.sweep.runs[1].request.temperature_profile, {
    time_points_hours: [0, 4, 4.5],
    temperatures_celsius: [200, 200, 175],
  });
});

test('errors name the axis and the value', (t) => {
  const out = expandSweep({ base, axes: [{ path: '/composition/MG', values: [0.006, 0.5, 0.007] }] });
  t.false(out.ok);
  if (out.ok) return;
  t.is(out.issues[0].path, '/axes/0/values/1');
  t.regex(out.issues[0].message, /\/composition\/MG = 0\.5: \/composition/);
  const bad = expandSweep({ base, axes: [{ path: '/composition/CU', values: [1] }] });
  t.deepEqual(bad.ok ? [] : bad.issues.map((i) => i.path), ['/axes/0/path']);
  const zip = expandSweep({
    base,
    combine: 'zip',
    axes: [
      { path: '/composition/MG', values: [0.006] },
      { path: '/composition/SI', values: [0.005, 0.006] },
    ],
  });
  t.regex(zip.ok ? '' : zip.issues[0].message, /zip needs equal lengths/);
  const schema = expandSweep({ base, axes: [{ path: '/composition/MG' }] });
  t.deepEqual(schema.ok ? [] : schema.issues.map((i) => i.path), ['/axes/0/values']);
});

test('more runs than the limit is an error', (t) => {
  const doc = {
    base,
    axes: [
      { path: '/composition/MG', values: { from: 0.005, to: 0.008, count: 11 } },
      { path: '/composition/SI', values: [0.005, 0.006] },
    ],
  };
  const out = expandSweep(doc, { maxRuns: 21 });
  t.false(out.ok);
  t.regex(out.ok ? '' : out.issues[0].message, /give 22 runs; a sweep may have at most 21/);
  t.true(expandSweep(doc, { maxRuns: 22 }).ok);
});
