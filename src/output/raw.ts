// The raw data of a run as results.json and results.csv, written piece by piece (never a whole file as one
// string). Both come from one column table, so a CSV column and the JSON array of the same name hold the
// same numbers, written the same way (the shortest text that reads back to the same double). By default
// the table holds the rows of rawDataIndices (a few thousand); with the request's output.full_series, every
// recorded step. Isomorphic.
import type { SimulationResult } from '../engine/index.js';
import {
  restoreSizeDistributions,
  sizeDistributionsJsonText,
  storeSizeDistributions,
  type StoredSizeDistribution,
} from './size-distribution.js';

export interface Column {
  /** CSV header, e.g. MGSI_B_P_number_density_per_m3. */
  header: string;
  /** Where the array sits in results.json's "series" object. */
  jsonPath: string[];
  values: ArrayLike<number>;
}

/** What results.json says about the run besides its series. */
export interface RawMeta {
  status: string;
  request: unknown;
  submitted_request?: unknown;
  engine: { version: string; kernel: string; database_sha256: string };
  timing: unknown;
  summary: unknown;
  /** Rows the engine recorded (steps + 1); the table holds all of them only with full_series. */
  recorded_points: number;
  full_series: boolean;
  /** Size distributions at the chosen times and the end (absent in run data stored before they existed). */
  size_distributions?: StoredSizeDistribution[];
}

/** A run's series as stored and written: the SI columns of seriesColumns, `rows` rows each. */
export interface RawTable {
  meta: RawMeta;
  rows: number;
  columns: Column[];
}

/** Per-phase quantities in column order: JSON key (with unit) and where the values come from. */
export const PHASE_COLUMNS = [
  ['number_density_per_m3', 'series', 'numberDensityPerM3'],
  ['mean_radius_m', 'series', 'meanRadiusM'],
  ['diameter_nm', 'strength', 'diameterNm'],
  ['aspect_ratio', 'strength', 'aspectRatio'],
  ['major_axis_nm', 'strength', 'majorAxisNm'],
  ['volume_fraction', 'series', 'volumeFraction'],
  ['driving_force_j_per_mol', 'series', 'drivingForceJPerMol'],
  ['nucleation_rate_per_m3_s', 'series', 'nucleationRatePerM3S'],
  ['critical_radius_m', 'series', 'criticalRadiusM'],
  ['crss_mpa', 'strength', 'crssMPa'],
  ['yield_strength_mpa', 'strength', 'yieldStrengthMPa'],
  // 0 bypass, 1 weak shearing, 2 strong shearing (MECHANISM_NAMES)
  ['mechanism_code', 'strength', 'mechanism'],
] as const;

/** The strength totals after total_crss_mpa, in column order: JSON key and StrengthSeries field. */
export const STRENGTH_COLUMNS = [
  ['precipitation_strength_mpa', 'precipitationStrengthMPa'],
  ['solid_solution_strength_mpa', 'solidSolutionStrengthMPa'],
  ['base_strength_mpa', 'baseStrengthMPa'],
  ['total_yield_strength_mpa', 'totalYieldStrengthMPa'],
  ['hardness_hv', 'hardnessHV'],
] as const;

export function seriesColumns(result: SimulationResult): Column[] {
  const { series, strength } = result;
  const columns: Column[] = [
    { header: 'time_s', jsonPath: ['time_s'], values: series.timeS },
    { header: 'temperature_k', jsonPath: ['temperature_k'], values: series.temperatureK },
  ];
  for (const [element, values] of Object.entries(series.matrixComposition)) {
    columns.push({ header: `x_${element}`, jsonPath: ['matrix_mole_fraction', element], values });
  }
  series.phases.forEach((phase, p) => {
    const sources = { series: phase, strength: strength.phases[p] };
    for (const [key, source, field] of PHASE_COLUMNS) {
      const values = (sources[source] as unknown as Record<string, Float64Array>)[field];
      columns.push({ header: `${phase.name}_${key}`, jsonPath: ['phases', phase.name, key], values });
    }
  });
  columns.push({ header: 'total_crss_mpa', jsonPath: ['total_crss_mpa'], values: strength.totalCrssMPa });
  for (const [key, field] of STRENGTH_COLUMNS)
    columns.push({ header: key, jsonPath: [key], values: strength[field] });
  return columns;
}

/** values[rows[k]] for each k (a loop: Float64Array.from with a map function is ~4× slower). */
function pick(values: ArrayLike<number>, rows: number[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** The raw table of a run: the given rows (sorted indices), or every recorded row. */
export function rawTable(result: SimulationResult, submitted: unknown, rows?: number[]): RawTable {
  const columns = seriesColumns(result).map((c) => ({
    ...c,
    values: rows ? pick(c.values, rows) : c.values,
  }));
  const meta = rawMeta(result, submitted, rows === undefined);
  return { meta, rows: rows ? rows.length : result.series.length, columns };
}

/** What the raw table of `result` says about the run besides its series (every row, or a thinned table). */
export function rawMeta(result: SimulationResult, submitted: unknown, fullSeries: boolean): RawMeta {
  return {
    status: result.status,
    request: result.request,
    ...(submitted === undefined ? {} : { submitted_request: submitted }),
    engine: {
      version: result.engine.version,
      kernel: result.engine.kernel,
      database_sha256: result.engine.database_sha256,
    },
    timing: result.timing,
    summary: result.summary,
    recorded_points: result.series.length,
    full_series: fullSeries,
    size_distributions: storeSizeDistributions(result.sizeDistributions),
  };
}

/** Columns in the units a person reads (h, °C, nm), each placed after the SI column it converts. */
const PERSON_UNITS: [suffix: string, replacement: string, scale: (v: number) => number][] = [
  ['time_s', 'time_h', (s) => s / 3600],
  ['temperature_k', 'temperature_c', (k) => k - 273.15],
  ['mean_radius_m', 'mean_radius_nm', (m) => m * 1e9],
  ['critical_radius_m', 'critical_radius_nm', (m) => m * 1e9],
];

/** The columns of results.json and results.csv: the SI columns with their h, °C and nm twins. */
export function outputColumns(table: RawTable): Column[] {
  const out: Column[] = [];
  for (const column of table.columns) {
    out.push(column);
    const key = column.jsonPath[column.jsonPath.length - 1];
    const unit = PERSON_UNITS.find(([suffix]) => key === suffix);
    if (!unit) continue;
    const [suffix, replacement, scale] = unit;
    const values = Float64Array.from(column.values as ArrayLike<number>, scale);
    const header = column.header.slice(0, -suffix.length) + replacement;
    out.push({ header, jsonPath: [...column.jsonPath.slice(0, -1), replacement], values });
  }
  return out;
}

/**
 * The columns of results.csv: those of outputColumns in the units a person reads (h, °C, nm, MPa); an SI
 * column with such a twin is left out (results.json keeps both).
 */
export function csvColumns(table: RawTable): Column[] {
  const converted = new Set(PERSON_UNITS.map(([suffix]) => suffix));
  return outputColumns(table).filter((c) => !converted.has(c.jsonPath[c.jsonPath.length - 1]));
}

/** A number as results.json/.csv write it; JSON has no NaN or Infinity: '' in CSV, null in JSON. */
const numberText = (v: number, missing: string) => (Number.isFinite(v) ? String(v) : missing);

/** Rows per piece of results.csv and numbers per piece of a results.json array. */
const CSV_ROWS_PER_PIECE = 500;
const JSON_NUMBERS_PER_PIECE = 8192;

/** results.csv in pieces: a header row with units in the column names, then one row per table row. */
export function* resultsCsvPieces(table: RawTable): Generator<string> {
  const columns = csvColumns(table);
  yield `${columns.map((c) => c.header).join(',')}\n`;
  const cells = new Array<string>(columns.length);
  let piece = '';
  for (let i = 0; i < table.rows; i++) {
    for (let c = 0; c < columns.length; c++) cells[c] = numberText(columns[c].values[i], '');
    piece += `${cells.join(',')}\n`;
    if ((i + 1) % CSV_ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** A JSON array of numbers, on one line, in pieces. */
function* jsonArrayPieces(values: ArrayLike<number>, rows: number): Generator<string> {
  let piece = '[';
  for (let i = 0; i < rows; i++) {
    piece += (i ? ',' : '') + numberText(values[i], 'null');
    if ((i + 1) % JSON_NUMBERS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]`;
}

/** Pretty JSON of a small value (requests, summary) at the given indentation. */
function pretty(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
}

/** The "series" object: columns nested by jsonPath (pretty, each array of numbers on one line). */
function* seriesPieces(table: RawTable, base: string): Generator<string> {
  const open: string[] = [];
  const pad = (depth: number) => `${base}${'  '.repeat(depth + 1)}`;
  const first = [false];
  yield `{\n${pad(0)}"points": ${table.rows},\n${pad(0)}"recorded_points": ${table.meta.recorded_points},\n${pad(0)}"full_series": ${table.meta.full_series}`;
  for (const column of outputColumns(table)) {
    const parents = column.jsonPath.slice(0, -1);
    let shared = 0;
    while (shared < open.length && open[shared] === parents[shared]) shared++;
    while (open.length > shared) {
      open.pop();
      first.pop();
      yield `\n${pad(open.length)}}`;
    }
    for (const key of parents.slice(shared)) {
      yield `${first[first.length - 1] ? '' : ','}\n${pad(open.length)}${JSON.stringify(key)}: {`;
      first[first.length - 1] = false;
      open.push(key);
      first.push(true);
    }
    const key = column.jsonPath[column.jsonPath.length - 1];
    yield `${first[first.length - 1] ? '' : ','}\n${pad(open.length)}${JSON.stringify(key)}: `;
    first[first.length - 1] = false;
    yield* jsonArrayPieces(column.values, table.rows);
  }
  while (open.length > 0) {
    open.pop();
    yield `\n${pad(open.length)}}`;
  }
  yield `\n${base}}`;
}

/** results.json in pieces: requests, engine and database identifiers, timing, summary and the series. */
export function* resultsJsonPieces(table: RawTable): Generator<string> {
  const { meta } = table;
  const head: Record<string, unknown> = {
    format: 'deepalloy-precipitate results',
    status: meta.status,
    request: meta.request,
    ...('submitted_request' in meta ? { submitted_request: meta.submitted_request } : {}),
    engine: meta.engine,
    timing: meta.timing,
    summary: meta.summary,
  };
  yield '{';
  for (const [key, value] of Object.entries(head))
    yield `\n  ${JSON.stringify(key)}: ${pretty(value, '  ')},`;
  const distributions = restoreSizeDistributions(meta.size_distributions);
  yield `\n  "size_distributions": ${sizeDistributionsJsonText(distributions, '  ')},`;
  yield '\n  "series": ';
  yield* seriesPieces(table, '  ');
  yield '\n}\n';
}
