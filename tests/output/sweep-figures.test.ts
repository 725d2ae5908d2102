// Sweep figures: contours by marching squares, curves read in log time, and which figures a sweep gets.
import test from 'ava';
import { curveAt, sweepFigures } from '../../src/output/sweep-figures.js';
import { contourSegments, niceLevels } from '../../src/output/sweep-map.js';
import type { SweepRow } from '../../src/sweep/row.js';
import type { SweepOutcome } from '../../src/sweep/run-sweep.js';

test('marching squares: a level between two columns crosses each row of cells at the midpoint', (t) => {
  const values = [
    [0, 10],
    [0, 10],
    [0, 10],
  ];
  t.deepEqual(contourSegments(values, 5), [
    [0.5, 0, 0.5, 1],
    [0.5, 1, 0.5, 2],
  ]);
  t.deepEqual(contourSegments(values, 20), []);
  t.deepEqual(
    contourSegments(
      [
        [0, null],
        [0, 10],
      ],
      5,
    ),
    [],
  );
});

test('curves are read linearly in log time and not outside their span', (t) => {
  t.is(curveAt([1, 100], [0, 10], 10), 5);
  t.is(curveAt([1, 100], [0, 10], 1000), null);
  t.deepEqual(niceLevels(3, 47, 5), [10, 20, 30, 40]);
});

const row = (index: number, values: number[], peak: number): SweepRow => ({
  index,
  axis_values: values,
  peak_yield_strength_mpa: peak,
  peak_time_hours: 2,
  time_to_90_percent_peak_hours: 1,
  peak_at_end: false,
  final_yield_strength_mpa: peak - 10,
  final_hardness_hv: null,
  phases: [],
  steps: 100,
  engine_ms: 1,
  curves: {
    time_hours: [0, 0.1, 1, 10],
    yield_strength_mpa: [0, 10, peak, peak - 10],
    volume_fraction: [0, 0, 0.01, 0.01],
  },
});

const outcome = (
  axes: SweepOutcome['axes'],
  rows: SweepRow[],
  combine: 'grid' | 'zip' = 'grid',
): SweepOutcome => ({
  axes,
  combine,
  rows,
  failures: [],
  reuse: { resumed_runs: 0, saved_hours: 0, saved_steps: 0, total_steps: 0, saved_fraction: 0 },
  timing: { wall_ms: 1, engine_ms_sum: 1, jobs: 1 },
});

test('which figures: temperature axis, other single axis, two-axis grid with annotated cells', (t) => {
  const temp = { name: 'T', pointers: ['/temperature_profile/temperatures_celsius/*'], values: [150, 200] };
  const mg = { name: 'Mg', pointers: ['/composition/MG'], values: [0.006, 0.007] };
  const names = (o: SweepOutcome, metric?: string) => sweepFigures(o, metric).map((f) => f.file);
  t.deepEqual(names(outcome([temp], [row(0, [150], 100), row(1, [200], 200)])), [
    'sweep-ageing-curves',
    'sweep-time-temperature-map',
    'sweep-metrics',
  ]);
  t.deepEqual(names(outcome([mg], [row(0, [0.006], 100), row(1, [0.007], 200)])), ['sweep-metrics']);
  const grid = outcome(
    [temp, mg],
    [
      row(0, [150, 0.006], 101),
      row(1, [150, 0.007], 102),
      row(2, [200, 0.006], 103),
      row(3, [200, 0.007], 104),
    ],
  );
  const [heat] = sweepFigures(grid, 'final_yield_strength_mpa');
  t.is(heat.file, 'sweep-heatmap');
  for (const v of [91, 92, 93, 94]) t.regex(heat.svg, new RegExp(`>${v}</text>`));
  t.is((heat.svg.match(/class="cell"/g) ?? []).length, 4);
});
