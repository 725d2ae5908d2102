// An engine thread: loads the thermodynamics and kernel once, then runs one simulation at a time for its
// parent, reporting progress; a 'cancel' message aborts the run (the engine yields every ~20 ms). A run
// over its step budget, or whose summary is not finite, fails saying why; time and heap are the pool's.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { EngineLimitError, RunArena, simulate, type SimulationResult } from '../../engine/index.js';
import { clampPoints, compactIndices, compactRows } from '../../output/compact.js';
import { runDataFile } from '../../output/run-data.js';
import { runRows } from '../../output/run-rows.js';
import { validateRequest, type SimulationRequest } from '../../request/index.js';
import { KERNEL_WASM_PATH, loadEngineDeps, type KernelName } from '../../runtime/node.js';
import { sweepRow } from '../../sweep/row.js';
import type { ResultFile } from '../storage/types.js';
import { nonFiniteFailure } from './finite.js';
import type { EngineOutcome, FilesTask, FromThread, ThreadData, ToThread } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('engine-thread.js runs as a worker thread');
const { kernel: choice, maxSteps } = workerData as ThreadData;
const kernelName: KernelName = choice === 'auto' ? (existsSync(KERNEL_WASM_PATH) ? 'wasm' : 'js') : choice;
const deps = loadEngineDeps(kernelName);
let controller: AbortController | undefined;
/**
 * The memory every run of this thread records into (RunArena): a run's series and strength are views of it,
 * valid until the next run starts. So runs here never overlap: each starts once the one before has made
 * its files and text and posted its outcome (`previous`); the pool sends one job at a time anyway.
 */
const arena = new RunArena();
let previous: Promise<unknown> = Promise.resolve();

const post = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** The files' own buffers, moved to the parent instead of copied (tens of MB for a long run). */
function ownBuffers(outcome: EngineOutcome): ArrayBuffer[] {
  if (outcome.status !== 'completed') return [];
  const whole = outcome.files
    .map((f) => f.bytes)
    .filter(
      (b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer,
    )
    .map((b) => b.buffer as ArrayBuffer);
  return [...new Set(whole)];
}

/** The request to run: as the API normalized it, or (a job stored before that) its body validated here. */
function requestToRun(input: unknown, normalized: unknown) {
  if (normalized !== undefined) return { ok: true as const, request: normalized as SimulationRequest };
  return validateRequest(input, { maxSimulationHours: Infinity, maxSteps });
}

type RunMessage = Extract<ToThread, { type: 'run' }>;

/** The result as the job's own run: its engine time, not this repeat's, goes into the run data. */
const asRun = (result: SimulationResult, task: FilesTask): SimulationResult => ({
  ...result,
  timing: task.timing as SimulationResult['timing'],
});

async function run(message: RunMessage, signal: AbortSignal): Promise<EngineOutcome> {
  const { input, request: normalized, sweep, files: filesTask } = message;
  const checked = requestToRun(input, normalized);
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
      maxSteps,
      arena,
      onProgress: (p) =>
        post({
          type: 'progress',
          progress: { fraction: p.fraction, simulated_hours: p.simulatedHours, steps: p.steps },
        }),
    },
  );
  if (result.status === 'cancelled') return { status: 'cancelled' };
  const notFinite = nonFiniteFailure(result.summary, result.steps);
  if (notFinite) return { status: 'failed', message: notFinite };
  const common = {
    summary: result.summary,
    engine: result.engine,
    steps: result.steps,
    timing: result.timing,
  };
  // A sweep's run keeps only its row (metrics and compact curves): no per-run files.
  if (sweep) {
    const row = sweepRow(result, sweep.index, sweep.axisValues);
    return { status: 'completed', ...common, files: [], sweepRow: row };
  }
  // A job stores no file at completion: its downloads are made from its run data, which a FilesTask
  // makes by running the request again when a download is first asked for (make-files.ts).
  const points = clampPoints(checked.request.max_points);
  let files: ResultFile[] = [];
  let compact: number[];
  if (filesTask) {
    // The compact series' rows and the raw data's in one pass (the same rows as choosing each alone).
    const rows = runRows(result, points);
    files = [await runDataFile(asRun(result, filesTask), input, rows.raw, arena)];
    if (signal.aborted) return { status: 'cancelled' };
    compact = rows.compact;
  } else compact = compactIndices(result, points);
  const series = compactRows(result, compact);
  // The key order of the stored results (run-job.ts, storedResults): the API copies the text into answers.
  const resultsJson = JSON.stringify({
    summary: common.summary,
    series,
    engine: common.engine,
    timing: common.timing,
  });
  return { status: 'completed', ...common, resultsJson, files };
}

port.on('message', (message: ToThread) => {
  if (message.type === 'cancel') {
    controller?.abort();
    return;
  }
  const current = new AbortController();
  controller = current;
  previous = previous
    .then(() => run(message, current.signal))
    .catch((error: unknown): EngineOutcome => {
      if (error instanceof EngineLimitError) return { status: 'failed', message: error.message };
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'failed', message: `engine error: ${message}` };
    })
    .then((outcome) => {
      if (controller === current) controller = undefined;
      post({ type: 'outcome', outcome }, ownBuffers(outcome));
    });
});

// A database that cannot be loaded rejects here unhandled, which ends the thread with an 'error' event.
void deps.then(() => post({ type: 'ready', kernel: kernelName }));
