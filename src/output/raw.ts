// The full recorded series as results.json and results.csv. Both come from one column table, so a CSV
// column and the JSON array of the same name hold the same numbers, written the same way (the shortest
// representation that reads back to the same double). Isomorphic.
import type { SimulationResult } from '../engine/index.js';

export interface Column {
  /** CSV header, e.g. MGSI_B_P_number_density_per_m3. */
  header: string;
  /** Where the array sits in results.json's "series" object. */
  jsonPath: string[];
  values: ArrayLike<number>;
}

/** Per-phase quantities in column order: JSON key (with unit) and where the values come from. */
const PHASE_COLUMNS = [
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
  columns.push({
    header: 'total_yield_strength_mpa',
    jsonPath: ['total_yield_strength_mpa'],
    values: strength.totalYieldStrengthMPa,
  });
  return columns;
}

/** A column's numbers as text; JSON has no NaN or Infinity, so those become '' (CSV) and null (JSON). */
function columnTexts(values: ArrayLike<number>): string[] {
  const texts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) texts[i] = Number.isFinite(values[i]) ? String(values[i]) : '';
  return texts;
}

/** Already-serialized JSON, written as it is by prettyJson. */
class RawJson {
  constructor(readonly text: string) {}
}

function jsonArray(texts: string[]): RawJson {
  // Non-finite values are rare: only copy the array when there is one.
  const json = texts.includes('') ? texts.map((t) => t || 'null') : texts;
  return new RawJson(`[${json.join(',')}]`);
}

/** Pretty JSON, except that arrays of numbers stay on one line (a row per number would be unreadable). */
function prettyJson(value: unknown, indent: string): string {
  if (value instanceof RawJson) return value.text;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return jsonArray(columnTexts(value as Float64Array)).text;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number'))
    return jsonArray(columnTexts(value)).text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function seriesObject(columns: Column[], texts: string[][]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  columns.forEach((column, c) => {
    let node = root;
    for (const key of column.jsonPath.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[column.jsonPath[column.jsonPath.length - 1]] = jsonArray(texts[c]);
  });
  return root;
}

function jsonDocument(
  result: SimulationResult,
  submitted: unknown,
  columns: Column[],
  texts: string[][],
): string {
  const document = {
    format: 'deepalloy-precipitate results',
    status: result.status,
    request: result.request,
    submitted_request: submitted,
    engine: {
      version: result.engine.version,
      kernel: result.engine.kernel,
      database_sha256: result.engine.database_sha256,
    },
    timing: result.timing,
    summary: result.summary,
    series: { points: result.series.length, ...seriesObject(columns, texts) },
  };
  return `${prettyJson(document, '')}\n`;
}

function csvDocument(columns: Column[], texts: string[][], rows: number): string {
  const lines = new Array<string>(rows + 1);
  lines[0] = columns.map((c) => c.header).join(',');
  const row = new Array<string>(columns.length);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < columns.length; c++) row[c] = texts[c][i];
    lines[i + 1] = row.join(',');
  }
  return `${lines.join('\n')}\n`;
}

/** results.json: the request(s), summary, engine and database identifiers and the full series. */
export function resultsJson(result: SimulationResult, submitted?: unknown): string {
  const columns = seriesColumns(result);
  return jsonDocument(
    result,
    submitted,
    columns,
    columns.map((c) => columnTexts(c.values)),
  );
}

/** results.csv: one row per recorded step, a header row with units in the column names. */
export function resultsCsv(result: SimulationResult): string {
  const columns = seriesColumns(result);
  return csvDocument(
    columns,
    columns.map((c) => columnTexts(c.values)),
    result.series.length,
  );
}

/** Both raw-data files, formatting each number once (it is most of the time either takes). */
export function rawDataFiles(result: SimulationResult, submitted?: unknown): { json: string; csv: string } {
  const columns = seriesColumns(result);
  const texts = columns.map((c) => columnTexts(c.values));
  return {
    json: jsonDocument(result, submitted, columns, texts),
    csv: csvDocument(columns, texts, result.series.length),
  };
}
