// Size distributions in the result files: results.json's "size_distributions", size_distributions.json and
// .csv (one row per time, phase and bin, radius in nm), the stored run data and the figure.
import test from 'ava';
import { simulate, type SimulationResult } from '../../src/engine/index.js';
import {
  rawDataIndices,
  rawFilePieces,
  renderCharts,
  sizeDistributionsJson,
} from '../../src/output/index.js';
import { rawTable } from '../../src/output/raw.js';
import { decodeRunData, encodeRunData, tableResult } from '../../src/output/run-data.js';
import {
  SIZE_DISTRIBUTION_CSV_HEADER,
  type SizeDistributionJson,
} from '../../src/output/size-distribution.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';

const TIMES_HOURS = [1, 4, 16];
let cached: Promise<SimulationResult> | undefined;
const result = async () =>
  (cached ??= simulate(
    normalized({ ...KAWIN_EXAMPLE_03, output: { size_distribution_times_hours: TIMES_HOURS } }),
    await loadEngineDeps('wasm'),
  ));

const text = (pieces: Iterable<string> | undefined) => [...(pieces ?? [])].join('');

test('results.json and size_distributions.json hold the distributions, radius in nm', async (t) => {
  const r = await result();
  const table = rawTable(r, undefined, rawDataIndices(r));
  const expected = sizeDistributionsJson(r.sizeDistributions);
  const json = JSON.parse(text(rawFilePieces(table, 'results.json'))) as {
    size_distributions: SizeDistributionJson[];
  };
  t.deepEqual(json.size_distributions, expected);
  t.deepEqual(JSON.parse(text(rawFilePieces(table, 'size_distributions.json'))), expected);
  t.deepEqual(
    expected.map((s) => s.requested_time_hours),
    [...TIMES_HOURS, null],
  );
  const snapshot = r.sizeDistributions[1].phases[0];
  const phase = expected[1].phases[snapshot.name];
  t.is(phase.bin_edges_nm.length, snapshot.boundsM.length);
  t.true(Math.abs(phase.bin_edges_nm[3] - snapshot.boundsM[3] * 1e9) < 1e-9);
  t.is(phase.radius_nm[3], Number(((phase.bin_edges_nm[3] + phase.bin_edges_nm[4]) / 2).toPrecision(12)));
  t.deepEqual(phase.number_density_per_m3, [...snapshot.numberDensityPerM3]);
  t.is(expected[1].temperature_c, 175);
  t.is(expected[3].time_hours, r.summary.final_time_hours);
});

test('size_distributions.csv: a tidy row per time, phase and bin with the JSON numbers', async (t) => {
  const r = await result();
  const table = rawTable(r, undefined, rawDataIndices(r));
  const lines = text(rawFilePieces(table, 'size_distributions.csv')).trimEnd().split('\n');
  t.is(lines[0], SIZE_DISTRIBUTION_CSV_HEADER);
  const bins = r.sizeDistributions.reduce(
    (sum, s) => sum + s.phases.reduce((n, p) => n + p.numberDensityPerM3.length, 0),
    0,
  );
  t.is(lines.length, bins + 1);
  const header = lines[0].split(',');
  const json = sizeDistributionsJson(r.sizeDistributions);
  // Spot-check a row with particles: β′ at 4 h.
  const phase = json[1].phases.MGSI_B_P;
  const bin = phase.number_density_per_m3.findIndex((n) => n > 0);
  const row = lines
    .map((l) => l.split(','))
    .find(
      (c) => c[header.indexOf('requested_time_h')] === '4' && c[4] === 'MGSI_B_P' && c[5] === String(bin),
    )!;
  t.is(Number(row[header.indexOf('radius_nm')]), phase.radius_nm[bin]);
  t.is(Number(row[header.indexOf('number_density_per_m3')]), phase.number_density_per_m3[bin]);
  t.is(Number(row[header.indexOf('time_h')]), json[1].time_hours);
  t.is(lines.at(-1)!.split(',')[header.indexOf('final')], 'true');
});

test('the stored run data keeps the distributions exactly (what the API serves and draws)', async (t) => {
  const r = await result();
  const decoded = await decodeRunData(await encodeRunData(rawTable(r, undefined, rawDataIndices(r))));
  t.deepEqual(tableResult(decoded).sizeDistributions, r.sizeDistributions);
  // Run data stored before size distributions existed: none, and the files say so.
  const { size_distributions: _dropped, ...olderMeta } = decoded.meta;
  const older = { ...decoded, meta: olderMeta };
  t.deepEqual(tableResult(older).sizeDistributions, []);
  t.is(text(rawFilePieces(older, 'size_distributions.json')).trim(), '[]');
});

test('the figure: a log-density panel per phase present, a curve per time, absent phases in a note', async (t) => {
  const r = await result();
  const [{ spec, svg }] = renderCharts(r, new Set(['size_distribution']));
  t.is(spec.name, 'size_distribution');
  t.deepEqual(
    spec.panels.map((p) => p.title),
    ['β′ (MGSI_B_P)', 'β″ (MG5SI6_B_DP)', 'B′ (B_PRIME_L)'],
  );
  t.regex(spec.subtitle, /Not shown .*U1 \(U1_PHASE\), U2 \(U2_PHASE\)/);
  t.false(spec.legend.some((e) => /U1|U2/.test(e.label)));
  t.deepEqual(
    spec.legend.map((e) => e.label),
    ['1.004 h', '4.007 h', '16 h', '25 h (final)'],
  );
  for (const panel of spec.panels) {
    t.is(panel.y.scale, 'log');
    t.is(panel.x.label, 'Radius r (nm)');
    t.is(panel.series.length, r.sizeDistributions.length);
  }
  // β′ at 16 h: drawn at its bins' radii in nm.
  const curve = spec.panels[0].series[2];
  const bounds = r.sizeDistributions[2].phases[0].boundsM;
  t.true(Math.abs(curve.x![0] - ((bounds[0] + bounds[1]) / 2) * 1e9) < 1e-9);
  t.is((svg.match(/class="series"/g) ?? []).length, 3 * r.sizeDistributions.length);
  t.regex(svg, /Radius r \(nm\)/);
});
