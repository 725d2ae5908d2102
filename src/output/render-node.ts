// Writing a run's files (figures as PNG and SVG, raw data as JSON and CSV), each streamed piece by piece
// into its file: `precipitate run --out DIR`. Node only.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SimulationResult } from '../engine/index.js';
import { rawDataIndices, renderCharts, RESULT_FILE_NAMES } from './index.js';
import { svgToPng } from './png.js';
import { rawTable, type RawTable } from './raw.js';
import { rawFilePieces, RAW_FILE_NAMES } from './raw-files.js';

/** Figures rasterised at once: one (each one at a time keeps the peak RSS of `run --out` near 230 MB). */
const RASTER_LANES = 1;

/** A generator of text pieces as a byte stream (one chunk per piece). */
export function pieceStream(pieces: Iterable<string>): Readable {
  return Readable.from(pieces, { objectMode: false });
}

/** The raw table a run's files hold: the default thinned rows, or every step with fullSeries. */
export function resultTable(result: SimulationResult, submitted: unknown, fullSeries: boolean): RawTable {
  return rawTable(result, submitted, fullSeries ? undefined : rawDataIndices(result));
}

/** Writes the files of RESULT_FILE_NAMES into `dir` (created if missing); returns their paths. */
export async function writeResultFiles(
  result: SimulationResult,
  submitted: unknown,
  dir: string,
  options: { fullSeries?: boolean } = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const charts = renderCharts(result);
  // Rasterising and deflating run on libuv's thread pool, one figure at a time (each pixel buffer
  // settles in its thread's malloc arena: seven at once took the peak RSS from 230 to 277 MB), while the
  // raw data is written.
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < charts.length; i = next++) {
      const { spec, svg } = charts[i];
      await writeFile(join(dir, `${spec.file}.svg`), svg);
      await writeFile(join(dir, `${spec.file}.png`), (await svgToPng(svg)).png);
    }
  };
  const figures = Promise.all(Array.from({ length: RASTER_LANES }, lane));
  try {
    const table = resultTable(result, submitted, options.fullSeries ?? false);
    for (const name of RAW_FILE_NAMES)
      await pipeline(pieceStream(rawFilePieces(table, name)!), createWriteStream(join(dir, name)));
  } finally {
    await figures;
  }
  return RESULT_FILE_NAMES.map((name) => join(dir, name));
}
