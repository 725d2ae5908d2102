// The one file a service run stores: its raw table (the default thinned rows, or every step on request) as
// doubles, from which results.json, results.csv and the figures are made when first asked for. Binary
// because a worker writes one per run: copying doubles costs ~1 ms where formatting them as text costs
// ~50 ms, and the bytes of each column position are grouped (byte shuffle) so that the compressor finds the
// repeats of sign, exponent and leading mantissa bytes. Node only.
// Compressed by brotli at quality 1 behind a four-byte tag (BROTLI_TAG): 479 KB for the seed run's 1999 rows
// × 70 columns in ~2.0 ms of CPU, where gzip took ~3.8 ms for 504 KB even with its run-length strategy
// (Z_RLE) (bench/README.md, issue 17 round 3). Files stored before are gzip (they start with its magic
// bytes) and read as before; the file keeps its name (RUN_DATA_FILE), which stored jobs refer to.
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, gunzip } from 'node:zlib';
import type { RunArena, SimulationResult } from '../engine/index.js';
import type { PhaseSeries } from '../engine/series.js';
import type { PhaseStrength } from '../engine/strength.js';
import type { SimulationRequest } from '../request/validate.js';
import { rawDataIndices } from './run-rows.js';
import {
  PHASE_COLUMNS,
  rawMeta,
  seriesColumns,
  STRENGTH_COLUMNS,
  type Column,
  type RawMeta,
  type RawTable,
} from './raw.js';
import { restoreSizeDistributions } from './size-distribution.js';

export const RUN_DATA_FILE = 'run-data.gz';
const MAGIC = 'deepalloy-precipitate run data 1\n';
/** What a brotli-compressed run data file starts with (a gzip file starts with 1f 8b). */
const BROTLI_TAG = Buffer.from('DPB1', 'latin1');
const OUTPUT_CHUNK_BYTES = 1 << 20;
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

interface Header {
  meta: RawMeta;
  rows: number;
  columns: { header: string; jsonPath: string[] }[];
}

/**
 * Writes rows `at` (all rows when absent) of column k byte-shuffled into `body`: byte b of the column's
 * i-th written row goes to b × count + k × rows + i, as if the columns were one array of `count` doubles
 * (k × rows + i) whose byte b of every double is together. The rows are first gathered into `scratch` (one
 * per file, `rows` doubles: in cache), then written plane by plane from each double's two 32-bit halves (a
 * Uint8Array store keeps the low byte): no copy of a whole column, no byte-by-byte reads. Gathering first
 * and indexing `body` directly took 1.2-2.0 ms for the seed run's 70 columns where reading the picked rows
 * inside the loop through eight plane views took 1.8-3.7 (issue 17 round 3). The halves are read in the
 * machine's byte order, as the bytes of a Float64Array are (Node: little-endian).
 */
function shuffleColumn(
  body: Uint8Array,
  scratch: Float64Array,
  values: ArrayLike<number>,
  k: number,
  count: number,
  at: number[] | undefined,
) {
  const rows = scratch.length;
  if (at) for (let i = 0; i < rows; i++) scratch[i] = values[at[i]];
  else for (let i = 0; i < rows; i++) scratch[i] = values[i];
  const words = new Uint32Array(scratch.buffer, scratch.byteOffset, 2 * rows);
  const base = k * rows;
  for (let i = 0, j = 0; i < rows; i++, j += 2) {
    const low = words[j];
    const high = words[j + 1];
    const o = base + i;
    body[o] = low;
    body[count + o] = low >>> 8;
    body[2 * count + o] = low >>> 16;
    body[3 * count + o] = low >>> 24;
    body[4 * count + o] = high;
    body[5 * count + o] = high >>> 8;
    body[6 * count + o] = high >>> 16;
    body[7 * count + o] = high >>> 24;
  }
}

function unshuffle(bytes: Uint8Array, count: number): Float64Array {
  const out = new Float64Array(count);
  const view = new Uint8Array(out.buffer);
  for (let i = 0; i < count; i++) for (let b = 0; b < 8; b++) view[i * 8 + b] = bytes[b * count + i];
  return out;
}

/** The table as compressed bytes (BROTLI_TAG, then brotli of: magic line, header length, JSON header, shuffled doubles). */
export function encodeRunData(table: RawTable): Promise<Uint8Array> {
  return encodeColumns(table.meta, table.rows, table.columns);
}

/** encodeRunData of a table of `rows` rows: those of `columns` (every row), or their rows `at`. */
async function encodeColumns(
  meta: RawMeta,
  rows: number,
  columns: Column[],
  at?: number[],
  arena?: RunArena,
): Promise<Uint8Array> {
  const header: Header = {
    meta,
    rows,
    columns: columns.map(({ header, jsonPath }) => ({ header, jsonPath })),
  };
  const head = Buffer.from(MAGIC + JSON.stringify(header), 'utf8');
  const count = rows * columns.length;
  const size = 4 + head.length + count * 8;
  // With the run's arena the uncompressed bytes reuse its memory (issue 17 round 5); a Buffer otherwise.
  const raw = arena ? Buffer.from(arena.scratchBytes(size).buffer, 0, size) : Buffer.allocUnsafe(size);
  raw.writeUInt32LE(head.length, 0);
  head.copy(raw, 4);
  const body = raw.subarray(4 + head.length);
  const scratch = new Float64Array(rows);
  columns.forEach((c, k) => shuffleColumn(body, scratch, c.values, k, count, at));
  // One output chunk for the default rows' ~0.5 MB instead of 16 KB ones joined afterwards (issue 17).
  const compressed = await brotliAsync(raw, {
    chunkSize: OUTPUT_CHUNK_BYTES,
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  // The file's own buffer (the engine thread moves it to its parent), tag first.
  const file = new Uint8Array(BROTLI_TAG.length + compressed.length);
  file.set(BROTLI_TAG);
  file.set(compressed, BROTLI_TAG.length);
  return file;
}

const startsWith = (bytes: Uint8Array, head: ArrayLike<number>) =>
  bytes.length >= head.length && Array.prototype.every.call(head, (b: number, i: number) => bytes[i] === b);

/** The uncompressed bytes of a run data file: brotli behind BROTLI_TAG, or gzip (files stored before). */
function decompress(bytes: Uint8Array): Promise<Buffer> {
  if (startsWith(bytes, BROTLI_TAG)) return unbrotliAsync(bytes.subarray(BROTLI_TAG.length));
  if (startsWith(bytes, [0x1f, 0x8b])) return gunzipAsync(bytes);
  throw new Error('not a run data file');
}

export async function decodeRunData(bytes: Uint8Array): Promise<RawTable> {
  const raw = await decompress(bytes);
  const headLength = raw.readUInt32LE(0);
  const head = raw.subarray(4, 4 + headLength).toString('utf8');
  if (!head.startsWith(MAGIC)) throw new Error('not a run data file');
  const header = JSON.parse(head.slice(MAGIC.length)) as Header;
  const count = header.rows * header.columns.length;
  const body = raw.subarray(4 + headLength);
  if (body.length !== count * 8) throw new Error('run data file is truncated');
  const values = unshuffle(body, count);
  const columns = header.columns.map((c, k) => ({
    ...c,
    values: values.subarray(k * header.rows, (k + 1) * header.rows),
  }));
  return { meta: header.meta, rows: header.rows, columns };
}

/** The table as the engine's result, for the figures (which are drawn from a result). */
export function tableResult(table: RawTable): SimulationResult {
  const find = (path: string[]) => table.columns.find((c) => c.jsonPath.join('/') === path.join('/'));
  const at = (...path: string[]) => {
    const column = find(path);
    if (!column) throw new Error(`run data has no column ${path.join('/')}`);
    return column.values as Float64Array;
  };
  // Columns added with the strength models (files stored before have none): zeros in their place.
  const atOrZero = (...path: string[]) =>
    (find(path)?.values as Float64Array) ?? new Float64Array(table.rows);
  const newer = new Set<string>(['mechanism_code', ...STRENGTH_COLUMNS.map(([key]) => key)]);
  const request = table.meta.request as SimulationRequest;
  const solutes = table.columns.filter((c) => c.jsonPath[0] === 'matrix_mole_fraction');
  const phases = request.phases.map((name) => {
    const series = { name } as unknown as Record<string, unknown>;
    const strength = { name } as unknown as Record<string, unknown>;
    for (const [key, source, field] of PHASE_COLUMNS)
      (source === 'series' ? series : strength)[field] = (newer.has(key) ? atOrZero : at)(
        'phases',
        name,
        key,
      );
    return { series: series as unknown as PhaseSeries, strength: strength as unknown as PhaseStrength };
  });
  const timing = table.meta.timing as SimulationResult['timing'];
  return {
    status: table.meta.status as SimulationResult['status'],
    request,
    steps: table.meta.recorded_points - 1,
    series: {
      length: table.rows,
      timeS: at('time_s'),
      temperatureK: at('temperature_k'),
      matrixComposition: Object.fromEntries(solutes.map((c) => [c.jsonPath[1], c.values as Float64Array])),
      phases: phases.map((p) => p.series),
    },
    strength: {
      model: request.config.strength?.model ?? 'seed_orowan',
      phases: phases.map((p) => p.strength),
      totalCrssMPa: at('total_crss_mpa'),
      ...(Object.fromEntries(
        STRENGTH_COLUMNS.map(([key, field]) => [
          field,
          newer.has(key) && key !== 'total_yield_strength_mpa' ? atOrZero(key) : at(key),
        ]),
      ) as Record<(typeof STRENGTH_COLUMNS)[number][1], Float64Array>),
    },
    summary: table.meta.summary as SimulationResult['summary'],
    sizeDistributions: restoreSizeDistributions(table.meta.size_distributions),
    engine: table.meta.engine as SimulationResult['engine'],
    timing,
  };
}

/**
 * The run data file of a result: the default thinned rows (`rows`, when the caller chose them already:
 * runRows), or every step when the request asks.
 */
export async function runDataFile(
  result: SimulationResult,
  submitted: unknown,
  rows?: number[],
  arena?: RunArena,
): Promise<{ name: string; contentType: string; bytes: Uint8Array }> {
  const full = result.request.output?.full_series ?? false;
  const at = full ? undefined : (rows ?? rawDataIndices(result));
  const meta = rawMeta(result, submitted, full);
  // The picked rows are read from the engine's columns as they are shuffled (rawTable would copy them).
  const rowCount = at ? at.length : result.series.length;
  const bytes = await encodeColumns(meta, rowCount, seriesColumns(result), at, arena);
  return { name: RUN_DATA_FILE, contentType: 'application/octet-stream', bytes };
}
