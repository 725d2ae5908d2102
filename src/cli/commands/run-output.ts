// Writing a run's plots and data files for `precipitate run --out DIR`.
import { resolve } from 'node:path';
import type { SimulationResult } from '../../engine/index.js';
import { renderResultFiles, writeResultFiles } from '../../output/render-node.js';

export async function writeOutputs(
  result: SimulationResult,
  submitted: unknown,
  dir: string,
  quiet: boolean,
): Promise<void> {
  const files = await renderResultFiles(result, submitted);
  const paths = await writeResultFiles(files, dir);
  const message = `wrote ${paths.length} files to ${resolve(dir)}`;
  if (quiet) console.error(message);
  else console.log(message);
}
