// Writing a run's plots and data files for `precipitate run --out DIR`.
import { resolve } from 'node:path';
import type { SimulationResult } from '../../engine/index.js';
import { writeResultFiles } from '../../output/render-node.js';

export async function writeOutputs(
  result: SimulationResult,
  submitted: unknown,
  dir: string,
  quiet: boolean,
): Promise<void> {
  const fullSeries = result.request.output?.full_series ?? false;
  const paths = await writeResultFiles(result, submitted, dir, { fullSeries });
  const message = `wrote ${paths.length} files to ${resolve(dir)}`;
  if (quiet) console.error(message);
  else console.log(message);
}
