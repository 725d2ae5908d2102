// One real engine result (kawin's example 03, JS solver) per test process.
import { readFile } from 'node:fs/promises';
import { simulate, sha256Hex, type SimulationResult } from '../../src/engine/index.js';
import { createJsKernel } from '../../src/kernel/js.js';
import { KAWIN_EXAMPLE_03, validateRequest } from '../../src/request/index.js';
import { createThermo } from '../../src/thermo/index.js';

let cached: Promise<SimulationResult> | undefined;

async function run(body: unknown): Promise<SimulationResult> {
  const tdb = await readFile(new URL('../../../data/AlMgSi.tdb', import.meta.url), 'utf8');
  const validation = validateRequest(body);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  const deps = { thermo: createThermo(tdb), kernel: createJsKernel(), databaseSha256: await sha256Hex(tdb) };
  return simulate(validation.request, deps);
}

/** The submitted request of the example result. */
export const EXAMPLE_SUBMITTED = { ...KAWIN_EXAMPLE_03, max_points: 300 };

export function exampleResult(): Promise<SimulationResult> {
  cached ??= run(EXAMPLE_SUBMITTED);
  return cached;
}
