// A run pool's worker thread: loads the engine once, runs the tasks it is given one at a time
// through simulate() exactly as `precipitate run` does, and posts each run's extracted value. A run of a
// chain starts from the furthest checkpoint of the chain's earlier runs it shares a schedule with.
import { parentPort, workerData } from 'node:worker_threads';
import { usableCheckpoints } from '../engine/checkpoint.js';
import { EngineLimitError, simulate, type RunCheckpoints } from '../engine/index.js';
import { loadEngineDeps } from '../runtime/node.js';
import type { RunExtractor } from './extractor.js';
import type { FromPoolThread, PoolResult, PoolTask, ThreadSetup, ToPoolThread } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('sweep/thread.js runs as a worker thread');
const setup = workerData as ThreadSetup;
const deps = loadEngineDeps(setup.kernel);
const loaded = new Map<string, Promise<RunExtractor>>();

function extractorNamed(name: string): Promise<RunExtractor> {
  const url = setup.extractors[name];
  if (!url) return Promise.reject(new Error(`no extractor named '${name}'`));
  if (!loaded.has(name))
    loaded.set(
      name,
      import(url).then((m: { extractor: RunExtractor }) => m.extractor),
    );
  return loaded.get(name)!;
}

/**
 * The run, from a chain's checkpoints where it can. A run that keeps checkpoints records every row; one
 * with more rows than a single run keeps (which thins them) runs again without, so that what is extracted
 * is what a single run gives.
 */
async function simulateTask(task: PoolTask, reuse: RunCheckpoints[] | undefined) {
  const plain = { maxSteps: setup.maxSteps, maxRecordedRows: setup.maxRecordedRows };
  if (!reuse) return { result: await simulate(task.request, await deps, plain), resumedSteps: 0 };
  const resumeFrom = latestUsable(reuse, task);
  const shared = await simulate(task.request, await deps, {
    maxSteps: setup.maxSteps,
    checkpoints: { resumeFrom },
  });
  if (shared.checkpoints) reuse.push(shared.checkpoints);
  if (shared.series.length >= setup.maxRecordedRows)
    return { result: await simulate(task.request, await deps, plain), resumedSteps: 0 };
  return { result: shared, resumedSteps: resumeFrom ? (resumeFrom.list.at(-1)?.records ?? 1) - 1 : 0 };
}

async function runTask(task: PoolTask, reuse: RunCheckpoints[] | undefined): Promise<PoolResult> {
  const extractor = await extractorNamed(task.extractor);
  const { result, resumedSteps } = await simulateTask(task, reuse);
  const value = await extractor.extract(result, { index: task.index, params: task.params });
  return {
    index: task.index,
    ok: true,
    value,
    steps: result.steps,
    engineMs: result.timing.engine_ms,
    resumedAtHours: resumedSteps > 0 ? (result.resumedAtHours ?? 0) : 0,
    resumedSteps,
    simulatedHours: task.request.simulation_time_hours,
  };
}

/** Of the chunk's earlier runs' checkpoints, those that take this run furthest (none: from t = 0). */
function latestUsable(earlier: RunCheckpoints[], task: PoolTask): RunCheckpoints | undefined {
  let best: RunCheckpoints | undefined;
  for (const c of earlier) {
    const usable = usableCheckpoints(c, task.request);
    const atS = usable?.list.at(-1)?.timeS ?? 0;
    if (usable && atS > (best?.list.at(-1)?.timeS ?? 0)) best = usable;
  }
  return best;
}

/** Each chain's runs so far (their checkpoints), until the pool ends the chain. */
const chains = new Map<number, RunCheckpoints[]>();

async function runOne(task: PoolTask, chain: number | undefined): Promise<void> {
  let reuse: RunCheckpoints[] | undefined;
  if (chain !== undefined) {
    reuse = chains.get(chain) ?? [];
    chains.set(chain, reuse);
  }
  const result = await runTask(task, reuse).catch((error: unknown): PoolResult => {
    const text = error instanceof Error ? error.message : String(error);
    const message = error instanceof EngineLimitError ? text : `engine error: ${text}`;
    return { index: task.index, ok: false, message };
  });
  post({ type: 'result', result });
}

const post = (message: FromPoolThread) => port.postMessage(message);
let queue = Promise.resolve();
port.on('message', (message: ToPoolThread) => {
  if (message.type === 'end-chain') chains.delete(message.chain);
  else queue = queue.then(() => runOne(message.task, message.chain));
});
void deps.then(() => post({ type: 'ready' }));
