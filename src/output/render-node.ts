// All result files of a run (figures as PNG and SVG, raw data as JSON and CSV), and writing them. Node only.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimulationResult } from '../engine/index.js';
import {
  contentTypeOf,
  rawDataResultFiles,
  renderCharts,
  RESULT_FILE_NAMES,
  textFile,
  type ResultFile,
} from './index.js';
import { svgToPng } from './png.js';

/** The 12 files of RESULT_FILE_NAMES, in that order. */
export async function renderResultFiles(
  result: SimulationResult,
  submitted?: unknown,
): Promise<ResultFile[]> {
  const charts = renderCharts(result);
  // Rasterising runs on libuv's thread pool: start it first, then format the raw data meanwhile.
  const rendering = Promise.all(
    charts.map(async ({ spec, svg }) => {
      const name = `${spec.file}.png`;
      return { name, contentType: contentTypeOf(name), bytes: (await svgToPng(svg)).png };
    }),
  );
  let files: ResultFile[];
  try {
    files = [
      ...charts.map(({ spec, svg }) => textFile(`${spec.file}.svg`, svg)),
      ...rawDataResultFiles(result, submitted),
    ];
  } catch (error) {
    await rendering.catch(() => undefined); // settle the renders before reporting the first failure
    throw error;
  }
  const byName = new Map([...(await rendering), ...files].map((f) => [f.name, f]));
  return RESULT_FILE_NAMES.map((name) => {
    const file = byName.get(name);
    if (!file) throw new Error(`result file ${name} was not rendered`);
    return file;
  });
}

/** Writes the files into `dir` (created if missing); returns their paths. */
export async function writeResultFiles(files: ResultFile[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file.name);
      await writeFile(path, file.bytes);
      return path;
    }),
  );
}
