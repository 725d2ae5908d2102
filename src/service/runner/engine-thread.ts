// An engine thread: loads the thermodynamics and kernel once, then runs one simulation at a time for its
// parent, reporting progress; a 'cancel' message aborts the run (the engine yields every ~20 ms).
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { simulate } from '../../engine/index.js';
import { compactSeries } from '../../output/index.js';
import { runDataFile } from '../../output/run-data.js';
import { validateRequest } from '../../request/index.js';
import { KERNEL_WASM_PATH, loadEngineDeps, type KernelName } from '../../runtime/node.js';
import type { EngineOutcome, FromThread, ThreadData, ToThread } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('engine-thread.js runs as a worker thread');
const { kernel: choice } = workerData as ThreadData;
const kernelName: KernelName = choice === 'auto' ? (existsSync(KERNEL_WASM_PATH) ? 'wasm' : 'js') : choice;
const deps = loadEngineDeps(kernelName);
let controller: AbortController | undefined;

const post = (message: FromThread) => port.postMessage(message);

async function run(input: unknown, signal: AbortSignal): Promise<EngineOutcome> {
  // The API validated the body already; this turns it into the engine's request (defaults, units).
  const checked = validateRequest(input, { maxSimulationHours: Infinity });
  if (!checked.ok) {
    return { status: 'failed', message: checked.issues.map((i) => `${i.path} ${i.message}`).join('; ') };
  }
  // One kernel for every run of this thread (they run one at a time): the JIT stays warm across jobs.
  const { thermo, kernel, databaseSha256 } = await deps;
  const result = await simulate(
    checked.request,
    { thermo, kernel, databaseSha256 },
    {
      signal,
      onProgress: (p) =>
        post({
          type: 'progress',
          progress: { fraction: p.fraction, simulated_hours: p.simulatedHours, steps: p.steps },
        }),
    },
  );
  if (result.status === 'cancelled') return { status: 'cancelled' };
  // The figures and downloads are made from this file when first asked for (run-job.ts, files.ts).
  const files = [await runDataFile(result, input)];
  if (signal.aborted) return { status: 'cancelled' };
  return {
    status: 'completed',
    summary: result.summary,
    series: compactSeries(result, checked.request.max_points),
    engine: result.engine,
    steps: result.steps,
    timing: result.timing,
    files,
  };
}

port.on('message', (message: ToThread) => {
  if (message.type === 'cancel') {
    controller?.abort();
    return;
  }
  const current = new AbortController();
  controller = current;
  run(message.input, current.signal)
    .catch((error: unknown): EngineOutcome => ({
      status: 'failed',
      message: `engine error: ${error instanceof Error ? error.message : String(error)}`,
    }))
    .then((outcome) => {
      if (controller === current) controller = undefined;
      post({ type: 'outcome', outcome });
    });
});

// A database that cannot be loaded rejects here unhandled, which ends the thread with an 'error' event.
void deps.then(() => post({ type: 'ready', kernel: kernelName }));
