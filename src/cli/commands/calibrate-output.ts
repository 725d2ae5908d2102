// Writing a calibration's result (calibration.json) and figures (SVG and PNG) for `precipitate calibrate --out DIR`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CalibrationResult } from '../../calibrate/summary.js';
import { calibrationFigures } from '../../output/calibration-figures.js';
import { svgToPng } from '../../output/png.js';

export async function writeCalibrationOutputs(result: CalibrationResult, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string | Uint8Array][] = [
    ['calibration.json', `${JSON.stringify(result, null, 1)}\n`],
  ];
  for (const figure of calibrationFigures(result)) {
    files.push([`${figure.file}.svg`, figure.svg]);
    files.push([`${figure.file}.png`, (await svgToPng(figure.svg)).png]);
  }
  await Promise.all(files.map(([name, data]) => writeFile(join(dir, name), data)));
  return files.map(([name]) => resolve(dir, name));
}
