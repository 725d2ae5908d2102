// A service run chooses the compact series' rows and the raw data's in one pass (runRows): exactly the rows
// of choosing each alone, on a real run, at every compact budget the API allows and on a run too short to
// thin.
import test from 'ava';
import { compactIndices } from '../../src/output/compact.js';
import { DEFAULT_RAW_ROWS, rawDataIndices, runRows } from '../../src/output/run-rows.js';
import { exampleResult } from './fixture.js';

test('runRows keeps exactly the rows of compactIndices and rawDataIndices', async (t) => {
  const result = await exampleResult();
  t.true(result.series.length > DEFAULT_RAW_ROWS, `${result.series.length} rows recorded`);
  const raw = rawDataIndices(result);
  for (const maxPoints of [2, 3, 40, 300, 500, 2000, 5000]) {
    const rows = runRows(result, maxPoints);
    t.deepEqual(rows.compact, compactIndices(result, maxPoints), `compact, ${maxPoints} points`);
    t.deepEqual(rows.raw, raw, `raw data, compact of ${maxPoints} points`);
  }
});

test('runRows keeps every row of a run shorter than the budgets', async (t) => {
  const result = await exampleResult();
  const length = 50;
  const cut = (a: Float64Array) => a.subarray(0, length);
  const short = {
    ...result,
    series: {
      ...result.series,
      length,
      timeS: cut(result.series.timeS),
      temperatureK: cut(result.series.temperatureK),
      phases: result.series.phases.map((p) => ({ ...p, numberDensityPerM3: cut(p.numberDensityPerM3) })),
    },
    strength: { ...result.strength, totalYieldStrengthMPa: cut(result.strength.totalYieldStrengthMPa) },
  };
  const every = Array.from({ length }, (_, i) => i);
  t.deepEqual(runRows(short, 500), { compact: every, raw: every });
  t.deepEqual(runRows(short, 20).compact, compactIndices(short, 20));
});
