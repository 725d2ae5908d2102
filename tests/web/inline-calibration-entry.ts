// Bundled by tests/web/calibrate.test.ts for Chromium: the core's calibration with the inline runner (every
// run in turn, in this thread), so that the page's Web Worker runner is compared with the core inside the
// same JavaScript engine (Chromium's Math.exp/log differ from Node 20's in the last bit).
import { calibrate } from '../../src/calibrate/calibrate.js';
import { checkCalibration } from '../../src/calibrate/document.js';
import { inlineRunner } from '../../src/calibrate/runner.js';
import { createWasmKernel } from '../../src/kernel/wasm.js';
import { createThermoFromDatabase } from '../../src/thermo/index.js';
import { parseTdb } from '../../src/thermo/tdb/parse.js';

async function inlineCalibration(document: unknown, tdbText: string, maxSimulationHours: number) {
  const checked = checkCalibration(document, { maxSimulationHours });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const wasm = await WebAssembly.compile(await (await fetch('kernel.wasm')).arrayBuffer());
  const thermo = createThermoFromDatabase(parseTdb(tdbText));
  const deps = { kernel: createWasmKernel(wasm), thermo, databaseSha256: '' };
  return calibrate(checked.plan, inlineRunner(deps));
}

(globalThis as unknown as { inlineCalibration: typeof inlineCalibration }).inlineCalibration =
  inlineCalibration;
