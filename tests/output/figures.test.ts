// The time figures as a metallurgist reads them: the schedule under every time figure, a time axis that
// shows it from its start, phases that never form out of the legends, consistent tick labels, sizes as
// radii, a blank share panel where nothing precipitated, and a peak that was not reached said so.
import test from 'ava';
import { simulate, type SimulationResult } from '../../src/engine/index.js';
import { chartSpecs, chartSpecsFromSeries, compactSeries, renderSvg } from '../../src/output/index.js';
import type { CompactSeries } from '../../src/output/compact.js';
import { formatSignificant } from '../../src/output/numbers.js';
import { linearAxis } from '../../src/output/scales.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';
import { exampleResult } from './fixture.js';

/** A two-step schedule: 2 h at 100 °C (nothing forms), then 175 °C to 10 h. */
const TWO_STEP = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0, 2, 2.1, 10], temperatures_celsius: [100, 100, 175, 175] },
  simulation_time_hours: 10,
};
let twoStepRun: Promise<SimulationResult> | undefined;
const twoStep = async () => (twoStepRun ??= simulate(normalized(TWO_STEP), await loadEngineDeps('wasm')));

test('every time figure draws the schedule, on a time axis that shows its first step', async (t) => {
  const specs = chartSpecs(await twoStep()).filter((s) => s.name !== 'size_distribution');
  t.is(specs.length, 6);
  for (const spec of specs) {
    const time = spec.panels[0].x;
    t.is(time.scale, 'log');
    t.true(time.min <= 0.01, `${spec.name} starts at ${time.min} h`);
    const schedule = spec.schedule!;
    t.is(schedule.x.min, time.min);
    t.is(schedule.x.max, time.max);
    const [series] = schedule.series;
    const at = (hours: number) => series.y[series.x!.findIndex((x) => x >= hours)];
    t.is(at(time.min), 100);
    t.is(at(1), 100);
    t.is(at(5), 175);
    t.deepEqual(
      schedule.y.ticks.map((k) => k.label),
      ['100', '175'],
    );
    t.regex(renderSvg(spec), /<g class="schedule">.*data-series="temperature"/s);
  }
});

test('a linear time axis from 0 on request', async (t) => {
  const r = await exampleResult();
  const linear = { ...r, request: { ...r.request, output: { time_axis: 'linear' as const } } };
  const [spec] = chartSpecs(linear, new Set(['precipitation']));
  t.is(spec.panels[0].x.scale, 'linear');
  t.is(spec.panels[0].x.min, 0);
  t.true(spec.panels[0].x.max >= 25);
  t.is(spec.schedule!.x.scale, 'linear');
});

test('phases that never form stay out of the legends and the curves, and a note says so', async (t) => {
  for (const spec of chartSpecs(await exampleResult())) {
    if (spec.name === 'size_distribution') continue;
    t.false(
      spec.legend.some((e) => /U1|U2/.test(e.label)),
      spec.name,
    );
    t.true(spec.legend.some((e) => e.label.startsWith('β′')));
    t.false(spec.panels.some((p) => p.series.some((s) => /^U[12]_PHASE/.test(s.id))));
    t.regex(
      spec.subtitle,
      /Not shown \(number density never within 10⁻¹⁰ of the peak\): U1 \(U1_PHASE\), U2/,
    );
  }
});

test('tick labels of one axis share one style; numbers with 4 significant figures, tiny ones as 0', (t) => {
  const small = linearAxis('v', [[0, 0.0021]]).ticks.filter((k) => k.value !== 0);
  t.true(
    small.every((k) => k.label.includes('×10⁻')),
    small.map((k) => k.label).join(' '),
  );
  const plain = linearAxis('v', [[0, 0.0081]]).ticks;
  t.true(plain.every((k) => !k.label.includes('×')));
  t.is(formatSignificant(446.4389637), '446.4');
  t.is(formatSignificant(1.42e-190), '0');
  t.is(formatSignificant(5e-324), '0');
  t.is(formatSignificant(1.4231e23), '1.423×10²³');
  t.is(formatSignificant(9.99996e22), '1×10²³');
});

test('sizes are radii in every time figure, labelled r', async (t) => {
  const specs = chartSpecs(await exampleResult());
  const labels = specs.flatMap((s) => s.panels.map((p) => p.y.label));
  t.false(
    labels.some((l) => /diameter/i.test(l)),
    labels.join(' | '),
  );
  const size = specs.find((s) => s.name === 'precipitate_size')!;
  t.is(size.panels[0].y.label, 'Mean radius r (nm)');
  const precipitation = specs.find((s) => s.name === 'precipitation')!;
  t.is(precipitation.panels[2].y.label, 'Mean radius r (nm)');
});

/** The example's compact series with every volume fraction scaled by `factor`. */
function scaledVolume(data: CompactSeries, factor: number): CompactSeries {
  const phases = Object.fromEntries(
    Object.entries(data.phases).map(([n, p]) => [
      n,
      { ...p, volume_fraction: p.volume_fraction.map((v) => v * factor) },
    ]),
  );
  return { ...data, phases };
}

test('the share panel is blank where the total volume fraction is negligible', async (t) => {
  const r = await exampleResult();
  const data = compactSeries(r, 300);
  const share = (d: CompactSeries) =>
    chartSpecsFromSeries(d, r.request, { only: new Set(['precipitation']) })[0].panels[3];
  const normal = share(data);
  t.true(normal.series.some((s) => s.y.some((v) => v !== null)));
  const tiny = share(scaledVolume(data, 1e-10 / 0.01));
  t.true(tiny.series.every((s) => s.y.every((v) => v === null)));
  t.regex(tiny.title, /none shown/);
});

test('a peak at the end of the run is reported as not reached', async (t) => {
  const example = await exampleResult();
  t.true(example.summary.peak_reached);
  const short = await simulate(
    normalized({ ...KAWIN_EXAMPLE_03, simulation_time_hours: 2 }),
    await loadEngineDeps('wasm'),
  );
  t.false(short.summary.peak_reached);
  const [spec] = chartSpecs(short, new Set(['yield_strength']));
  t.regex(spec.subtitle, /Peak not reached within the simulated time: [\d.]+ MPa at 2 h \(the end\)/);
  const [reached] = chartSpecs(example, new Set(['yield_strength']));
  t.regex(reached.subtitle, /\nPeak 514\.3 MPa at [\d.]+ h; final [\d.]+ MPa/);
});
