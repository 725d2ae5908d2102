// The pieces of the output module on small synthetic inputs: row selection, axes, chart specs.
import test from 'ava';
import { localExtrema, selectIndices, thinLogTime } from '../../src/output/compact.js';
import {
  API_FILE_KEYS,
  CHART_FILES,
  chartSpecsFromSeries,
  RESULT_FILE_NAMES,
  renderSvg,
  uplotPanel,
  type CompactSeries,
} from '../../src/output/index.js';
import { formatNumber, linearAxis, logAxis, powerOfTen } from '../../src/output/scales.js';
import { validateRequest, KAWIN_EXAMPLE_03 } from '../../src/request/index.js';

const logTimes = (n: number) =>
  Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 10 ** (-2 + (6 * i) / n)));

test('localExtrema finds turning points and ignores round-off wiggles', (t) => {
  t.deepEqual([...localExtrema([0, 1, 2, 1, 0, 3, 3, 1])].sort(), [2, 4, 5]);
  t.deepEqual([...localExtrema([1, 1 + 1e-15, 1, 1 + 1e-15, 2])], []);
  t.deepEqual([...localExtrema([0, NaN, 2, 1])], [2]);
});

test('selectIndices keeps first, last and extrema and fills the budget in log-time', (t) => {
  const time = logTimes(10000);
  const bump = Float64Array.from(time, (s) => Math.exp(-((Math.log10(s + 1e-9) - 1) ** 2)));
  const rows = selectIndices(time, [bump], bump, 200);
  t.true(rows.length <= 200 && rows.length > 150, `${rows.length}`);
  t.is(rows[0], 0);
  t.is(rows.at(-1), 9999);
  let peak = 0;
  bump.forEach((v, i) => (v > bump[peak] ? (peak = i) : 0));
  t.true(rows.includes(peak));
  // Evenly in log-time: no gap much wider than the average.
  const logs = rows.slice(1).map((i) => Math.log10(time[i]));
  const gaps = logs.slice(1).map((v, k) => v - logs[k]);
  t.true(Math.max(...gaps) < 3 * (6 / rows.length), `largest gap ${Math.max(...gaps)}`);
});

test('selectIndices thins the extrema when they alone exceed the budget', (t) => {
  const time = logTimes(5000);
  const zigzag = Float64Array.from(time, (_, i) => (i % 2) + i * 1e-3);
  zigzag[1234] = 100;
  const rows = selectIndices(time, [zigzag], zigzag, 40);
  t.true(rows.length <= 40);
  t.true(rows.includes(0) && rows.includes(4999) && rows.includes(1234));
  t.deepEqual(selectIndices(time, [zigzag], zigzag, 2), [1234, 4999]);
  t.deepEqual(selectIndices(time.subarray(0, 10), [zigzag], zigzag, 20), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('thinLogTime never returns more than asked', (t) => {
  const time = logTimes(3000);
  const candidates = Array.from({ length: 2999 }, (_, i) => i + 1);
  for (const budget of [0, 1, 7, 100, 2999, 5000])
    t.true(thinLogTime(time, candidates, budget).length <= budget);
});

test('linear axes cover the data with round ticks; log axes skip zeros and negatives', (t) => {
  const axis = linearAxis('σ (MPa)', [[0, 514.3, null, NaN]]);
  t.is(axis.min, 0);
  t.true(axis.max >= 514.3);
  t.true(axis.ticks.every((k) => k.value >= axis.min && k.value <= axis.max));
  t.deepEqual(
    axis.ticks.map((k) => k.label),
    ['0', '100', '200', '300', '400', '500', '600'],
  );
  const log = logAxis('N', [[0, -1, 3e14, 1.7e24, null]]);
  t.is(log.min, 1e14);
  t.is(log.max, 1e25);
  t.true(log.ticks.some((k) => k.label === powerOfTen(24)));
  t.is(logAxis('N', [[1e-299, 5e20, 2e22]], 1e12).min, 1e20);
  t.is(powerOfTen(-3), '10⁻³');
  t.is(formatNumber(0.012, 0.002), '0.012');
  t.is(formatNumber(2.5e-7, 5e-8), '2.5×10⁻⁷');
});

function tinySeries(): CompactSeries {
  const time = [0, 0.01, 0.1, 1, 10];
  const phase = (scale: number) => ({
    number_density_per_m3: [0, 1e10, 1e20 * scale, 1e22 * scale, 1e21 * scale],
    mean_radius_nm: [0, 0.3, 0.5, 1, 3],
    diameter_nm: [0, 0.6, 1, 2, 6],
    major_axis_nm: [0, 3, 6, 12, 40],
    volume_fraction: [0, 0, 1e-6, 0.004 * scale, 0.008 * scale],
    crss_mpa: [0, 0, 1, 80 * scale, 40 * scale],
    yield_strength_mpa: [0, 0, 2.24, 179 * scale, 90 * scale],
  });
  return {
    points: 5,
    recorded_points: 5,
    time_hours: time,
    temperature_c: time.map(() => 175),
    matrix_composition: { MG: time.map(() => 0.007), SI: time.map(() => 0.005) },
    phases: { MGSI_B_P: phase(1), MG5SI6_B_DP: phase(0.5) },
    total_crss_mpa: [0, 0, 1.5, 120, 60],
    total_yield_strength_mpa: [0, 0, 3.4, 269, 134],
  };
}

test('chart specs from a compact series: five figures, stable colours, unclipped linear axes', (t) => {
  const validation = validateRequest({ ...KAWIN_EXAMPLE_03, phases: ['MGSI_B_P', 'MG5SI6_B_DP'] });
  if (!validation.ok) return t.fail();
  const specs = chartSpecsFromSeries(tinySeries(), validation.request);
  t.deepEqual(
    specs.map((s) => s.file),
    ['precipitation', 'yield_strength', 'orowan_strength', 'precipitate_size', 'volume_fraction'],
  );
  t.regex(specs[1].title, /Taylor factor M = 2\.24/);
  t.regex(specs[3].title, /5\.55·d\^0\.24/);
  const colours = new Map<string, string>();
  for (const spec of specs) {
    for (const panel of spec.panels) {
      for (const series of panel.series) {
        t.is(series.y.length, spec.timeHours.length);
        const phase = series.id.split(':')[0];
        if (colours.has(phase)) t.is(colours.get(phase), series.color, `${phase} colour`);
        colours.set(phase, series.color);
        if (panel.y.scale === 'linear') t.true(series.y.every((v) => v === null || v <= panel.y.max));
      }
    }
    t.true(renderSvg(spec).startsWith('<svg'));
  }
  t.is(colours.get('total'), '#000000');
  t.is(specs[0].panels[0].y.scale, 'log');
  t.is(specs[0].panels[0].x.scale, 'log');
});

test('uPlot options come from the same specs: ranges, colours, aligned data, no zeros on log scales', (t) => {
  const validation = validateRequest({ ...KAWIN_EXAMPLE_03, phases: ['MGSI_B_P', 'MG5SI6_B_DP'] });
  if (!validation.ok) return t.fail();
  const [precipitation] = chartSpecsFromSeries(tinySeries(), validation.request);
  const density = uplotPanel(precipitation, 0, 800, 400);
  t.deepEqual(density.options.scales?.y?.range, [
    precipitation.panels[0].y.min,
    precipitation.panels[0].y.max,
  ]);
  t.is(density.options.scales?.y?.distr, 3);
  t.is(density.data.length, 1 + precipitation.panels[0].series.length);
  t.true(
    density.data[0].every((h) => (h as number) > 0),
    'no t = 0 on a log time axis',
  );
  t.true(density.data.slice(1).every((ys) => ys.length === density.data[0].length));
  const values = density.data.slice(1).flatMap((ys) => Array.from(ys as ArrayLike<number | null>));
  t.true(values.every((v) => v === null || v > 0));
  t.is(density.options.series[1].stroke, precipitation.panels[0].series[0].color);
  const share = uplotPanel(precipitation, 3, 800, 400);
  t.deepEqual(share.options.bands, [{ series: [2, 1] }]); // β″ stacked on β′
});

test('file names: the figures as PNG and SVG, then the raw data', (t) => {
  t.deepEqual(
    [...RESULT_FILE_NAMES],
    [
      ...CHART_FILES.map((f) => `${f}.png`),
      ...CHART_FILES.map((f) => `${f}.svg`),
      'results.json',
      'results.csv',
      'size_distributions.json',
      'size_distributions.csv',
    ],
  );
  for (const name of Object.values(API_FILE_KEYS))
    t.true((RESULT_FILE_NAMES as readonly string[]).includes(name));
});
