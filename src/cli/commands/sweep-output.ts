// Writing a sweep's table (CSV, JSON) and figures for `precipitate sweep --out DIR`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { svgToPng } from '../../output/png.js';
import { sweepFigures } from '../../output/sweep-figures.js';
import type { SweepOutcome } from '../../sweep/run-sweep.js';
import { sweepCsv } from '../../sweep/table.js';

export async function writeSweepOutputs(
  outcome: SweepOutcome,
  dir: string,
  metric: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string | Uint8Array][] = [
    [
      'sweep.csv',
      sweepCsv(
        outcome.axes.map((a) => a.name),
        outcome.rows,
      ),
    ],
    ['sweep.json', `${JSON.stringify(outcome, null, 1)}\n`],
  ];
  for (const figure of sweepFigures(outcome, metric)) {
    files.push([`${figure.file}.svg`, figure.svg]);
    files.push([`${figure.file}.png`, (await svgToPng(figure.svg)).png]);
  }
  await Promise.all(files.map(([name, data]) => writeFile(join(dir, name), data)));
  return files.map(([name]) => resolve(dir, name));
}
