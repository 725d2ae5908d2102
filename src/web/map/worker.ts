// A Map view Web Worker: the server's engine (same code, database and WebAssembly kernel as the preview
// worker) running one sweep run at a time, answering with the run's sweep row: the same function the
// server's engine threads and the CLI apply, so the page's table is the server's bit for bit.
import databaseJson from '../../../data/AlMgSi.tdb';
import { simulate, type EngineDeps } from '../../engine/index.js';
import { createWasmKernel } from '../../kernel/wasm.js';
import { sweepRow } from '../../sweep/row.js';
import { createThermoFromDatabase } from '../../thermo/index.js';
import { databaseFromJson } from '../../thermo/tdb/serialize.js';
import type { FromMapWorker, ToMapWorker } from './protocol.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromMapWorker) => scope.postMessage(message);

async function setUp(): Promise<EngineDeps> {
  const started = performance.now();
  // Compiled while the thermodynamics are built; the browser's HTTP cache has it from the preview.
  const module = fetch(new URL('kernel.wasm', scope.location.href)).then(async (response) => {
    if (!response.ok) throw new Error(`kernel.wasm: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  const thermo = createThermoFromDatabase(databaseFromJson(databaseJson));
  const engine = { kernel: createWasmKernel(await module), thermo, databaseSha256: __DATABASE_SHA256__ };
  post({ type: 'ready', setupMs: performance.now() - started });
  return engine;
}

const engine = setUp();
let queue: Promise<void> = Promise.resolve();

async function run(message: ToMapWorker): Promise<void> {
  const result = await simulate(message.request, await engine, {});
  if (result.status !== 'completed') throw new Error(`the run ended ${result.status}`);
  post({ type: 'row', index: message.index, row: sweepRow(result, message.index, message.axisValues) });
}

scope.onmessage = (event: MessageEvent<ToMapWorker>) => {
  const message = event.data;
  queue = queue.then(() =>
    run(message).catch((error: unknown) =>
      post({
        type: 'error',
        index: message.index,
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
};
