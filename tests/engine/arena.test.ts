// A RunArena reused run after run (the service's engine thread) gives each run exactly the result of a run
// without it, whatever ran before (longer, with more phases, thinned); its contract: a result's columns are
// views of the arena until the next run, the rest of the result is the run's own; runs must not overlap.
import test from 'ava';
import { RunArena, simulate, type SimulationResult } from '../../src/engine/index.js';
import { EXAMPLE_REQUEST, KAWIN_EXAMPLE_03 } from '../../src/request/defaults.js';
import { runDataFile } from '../../src/output/run-data.js';
import { runRows } from '../../src/output/run-rows.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';

type Column = Float64Array | Uint8Array;

/** Every column of a result's series and strength, by name. */
function columnsOf(r: SimulationResult): [string, Column][] {
  const { series, strength } = r;
  const out: [string, Column][] = [
    ['timeS', series.timeS],
    ['temperatureK', series.temperatureK],
    ...Object.entries(series.matrixComposition).map(([k, v]): [string, Column] => [`x ${k}`, v]),
  ];
  for (const phase of series.phases)
    for (const [key, v] of Object.entries(phase))
      if (v instanceof Float64Array) out.push([`${phase.name} ${key}`, v]);
  for (const phase of strength.phases)
    for (const [key, v] of Object.entries(phase))
      if (v instanceof Float64Array || v instanceof Uint8Array)
        out.push([`strength ${phase.name} ${key}`, v]);
  for (const [key, v] of Object.entries(strength))
    if (v instanceof Float64Array) out.push([`strength ${key}`, v]);
  return out;
}

/** Columns as plain arrays of their values (bits: Object.is per value via deepEqual of number arrays). */
const valuesOf = (r: SimulationResult) => columnsOf(r).map(([name, c]) => [name, c.length, Array.from(c)]);

const SHORT_TWO_PHASES = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
  simulation_time_hours: 2,
  phases: ['MGSI_B_P', 'MG5SI6_B_DP'],
};

/** Runs in the order a thread might get them: long, short, thinned, other phases and model, long again. */
const RUNS: { name: string; body: object; maxRecordedRows?: number }[] = [
  { name: "the seed's example (5 phases, 23,037 rows)", body: EXAMPLE_REQUEST },
  { name: 'two phases, 2 h (far fewer rows, fewer columns)', body: SHORT_TWO_PHASES },
  { name: 'kawin example 03 thinned to ≤ 1000 rows', body: KAWIN_EXAMPLE_03, maxRecordedRows: 1000 },
  {
    name: "one phase, 1 h, kawin's strength model",
    body: {
      ...SHORT_TWO_PHASES,
      simulation_time_hours: 1,
      phases: ['MGSI_B_P'],
      config: { strength: { model: 'kawin' } },
    },
  },
  { name: 'two phases, 2 h, thinned to ≤ 333 rows', body: SHORT_TWO_PHASES, maxRecordedRows: 333 },
  { name: "the seed's example again", body: EXAMPLE_REQUEST },
];

test.serial('runs through one arena, one after another, equal runs without it bit for bit', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const arena = new RunArena();
  const lengths: number[] = [];
  for (const run of RUNS) {
    const request = normalized(run.body);
    const options = run.maxRecordedRows ? { maxRecordedRows: run.maxRecordedRows } : {};
    const own = await simulate(request, deps, options);
    const shared = await simulate(request, deps, { ...options, arena });
    t.is(shared.series.length, own.series.length, run.name);
    t.deepEqual(valuesOf(shared), valuesOf(own), run.name);
    t.deepEqual(shared.summary, own.summary, run.name);
    t.deepEqual(shared.sizeDistributions, own.sizeDistributions, run.name);
    t.is(shared.steps, own.steps, run.name);
    lengths.push(own.series.length);
    if (run.maxRecordedRows) t.true(own.steps + 1 > run.maxRecordedRows, `${run.name}: the run was thinned`);
  }
  t.is(arena.runs, RUNS.length);
  t.true(
    lengths[1] < lengths[0] && lengths[2] < lengths[1] && lengths[4] < lengths[3],
    `shorter runs follow longer ones: ${lengths.join(', ')}`,
  );
  const seed = normalized(EXAMPLE_REQUEST);
  const again = await simulate(seed, deps, { arena });
  t.is(again.summary.total_yield_strength_mpa, 177.6436967018669);
  t.is(again.summary.peak_yield_strength_mpa, 446.4389637254635);
});

test.serial(
  "the next run overwrites a result's columns (views of the arena), never the rest of it",
  async (t) => {
    const deps = await loadEngineDeps('wasm');
    const arena = new RunArena();
    const seed = normalized(EXAMPLE_REQUEST);
    const first = await simulate(seed, deps, { arena });
    const kept = structuredClone({
      summary: first.summary,
      psd: first.sizeDistributions,
      steps: first.steps,
    });
    const firstTimes = Array.from(first.series.timeS);
    const second = await simulate(normalized(SHORT_TWO_PHASES), deps, { arena });
    // The contract: what is not a column stays the first run's own.
    t.deepEqual({ summary: first.summary, psd: first.sizeDistributions, steps: first.steps }, kept);
    // The columns are the arena's: the second run wrote its rows over the first's.
    t.is(first.series.timeS.buffer, second.series.timeS.buffer);
    t.is(first.strength.totalYieldStrengthMPa.buffer, second.strength.totalYieldStrengthMPa.buffer);
    t.deepEqual(
      Array.from(first.series.timeS.subarray(0, second.series.length)),
      Array.from(second.series.timeS),
    );
    t.notDeepEqual(Array.from(first.series.timeS), firstTimes);
    // Without an arena a result owns its columns.
    const own = await simulate(seed, deps);
    await simulate(normalized(SHORT_TWO_PHASES), deps);
    t.deepEqual(Array.from(own.series.timeS), firstTimes);
  },
);

test.serial('two runs with one arena at once: the second is refused, the first completes', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const arena = new RunArena();
  const request = normalized(SHORT_TWO_PHASES);
  const first = simulate(request, deps, { arena });
  await t.throwsAsync(simulate(request, deps, { arena }), { message: /already using this arena/ });
  const done = await first;
  t.deepEqual(valuesOf(done), valuesOf(await simulate(request, deps)));
  t.is(arena.runs, 1);
});

test('checkpoints do not use the arena: the result owns its columns', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const arena = new RunArena();
  const request = normalized(SHORT_TWO_PHASES);
  const withCheckpoints = await simulate(request, deps, { arena, checkpoints: {} });
  t.is(arena.runs, 0);
  t.deepEqual(valuesOf(withCheckpoints), valuesOf(await simulate(request, deps, { checkpoints: {} })));
});

/** Whether a recorder limited to `maxRows` thins at the last of `appended` rows, its latest row then the tail. */
function thinsAtLastRow(appended: number, maxRows: number): boolean {
  let kept = 0;
  let stride = 1;
  for (let a = 0; a < appended; a++) {
    if (a % stride !== 0 || ++kept < maxRows) continue;
    if (a === appended - 1) return kept % 2 === 0;
    kept = Math.ceil(kept / 2);
    stride *= 2;
  }
  return false;
}

test.serial(
  "a run whose last row is thinned away keeps it as the final state, over a longer run's rows",
  async (t) => {
    const deps = await loadEngineDeps('wasm');
    const arena = new RunArena();
    const request = normalized(SHORT_TWO_PHASES);
    const rows = (await simulate(request, deps)).steps + 1;
    const maxRows = Array.from({ length: 400 }, (_, k) => 100 + k).find((m) => thinsAtLastRow(rows, m));
    if (maxRows === undefined) return t.fail(`no row limit in 100-499 thins at the last of ${rows} rows`);
    await simulate(normalized(EXAMPLE_REQUEST), deps, { arena }); // rows the next run must not show
    const own = await simulate(request, deps, { maxRecordedRows: maxRows });
    const shared = await simulate(request, deps, { maxRecordedRows: maxRows, arena });
    t.deepEqual(valuesOf(shared), valuesOf(own), `limit ${maxRows}`);
    t.is(shared.series.timeS[shared.series.length - 1], request.simulation_time_hours * 3600);
  },
);

test.serial(
  "the stored run data file's bytes are the same with the arena (its scratch reused run after run)",
  async (t) => {
    const deps = await loadEngineDeps('wasm');
    const arena = new RunArena();
    for (const body of [
      EXAMPLE_REQUEST,
      SHORT_TWO_PHASES,
      { ...SHORT_TWO_PHASES, output: { full_series: true } },
    ]) {
      const request = normalized(body);
      const own = await simulate(request, deps);
      const shared = await simulate(request, deps, { arena });
      // The file records the run's timing too: the same in both, so that only the engine's numbers differ.
      const expected = await runDataFile({ ...own, timing: shared.timing }, body, runRows(own, 500).raw);
      const bytes = await runDataFile(shared, body, runRows(shared, 500).raw, arena);
      t.true(Buffer.from(bytes.bytes).equals(Buffer.from(expected.bytes)), JSON.stringify(body));
      t.is(
        bytes.bytes.byteLength,
        bytes.bytes.buffer.byteLength,
        'the file owns its buffer (the thread moves it)',
      );
    }
  },
);
