// The engine of the page's run workers (Map and Calibrate views): the same code, database and WebAssembly
// kernel as the preview worker, the kernel compiled while the thermodynamics are built (the browser's
// HTTP cache has it from the preview).
import databaseJson from '../../data/AlMgSi.tdb';
import type { EngineDeps } from '../engine/index.js';
import { createWasmKernel } from '../kernel/wasm.js';
import { createThermoFromDatabase } from '../thermo/index.js';
import { databaseFromJson } from '../thermo/tdb/serialize.js';

export async function loadWorkerEngine(
  scope: DedicatedWorkerGlobalScope,
): Promise<{ engine: EngineDeps; setupMs: number }> {
  const started = performance.now();
  const module = fetch(new URL('kernel.wasm', scope.location.href)).then(async (response) => {
    if (!response.ok) throw new Error(`kernel.wasm: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  const thermo = createThermoFromDatabase(databaseFromJson(databaseJson));
  const engine = { kernel: createWasmKernel(await module), thermo, databaseSha256: __DATABASE_SHA256__ };
  return { engine, setupMs: performance.now() - started };
}
