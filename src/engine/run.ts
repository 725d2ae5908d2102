// Runs a simulation to the end, reporting progress and honouring cancellation. Works the same in Node,
// a worker thread and a browser Web Worker: it yields to the event loop every few milliseconds so that
// an AbortSignal (or a message that fires one) is seen promptly.
import type { Kernel } from '../kernel/types.js';
import { DEFAULT_MAX_STEPS } from '../request/defaults.js';
import type { SimulationRequest } from '../request/validate.js';
import type { Thermo } from '../thermo/index.js';
import type { RunArena } from './arena.js';
import { usableCheckpoints, type RunCheckpoints } from './checkpoint.js';
import { MAX_RECORDED_ROWS, type EngineSeries } from './series.js';
import { createSimulation } from './simulation.js';
import type { SizeDistributionSnapshot } from './size-distribution.js';

export interface Progress {
  /** Simulated time over requested time, 0..1. */
  fraction: number;
  simulatedHours: number;
  steps: number;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Wall time between progress reports, ms (default 200, so at least every 250 ms). */
  progressIntervalMs?: number;
  /** Wall time between yields to the event loop, ms (default 20). */
  yieldIntervalMs?: number;
  /** Milliseconds clock (default performance.now); tests inject their own. */
  clock?: () => number;
  /**
   * Keep checkpoints (EngineRun.checkpoints) and start from the latest one of `resumeFrom` that this
   * request can use: after an edit of a later part of the schedule, only that part is computed.
   */
  checkpoints?: { resumeFrom?: RunCheckpoints };
  /** Step budget: a run that needs more steps stops with an EngineLimitError (default DEFAULT_MAX_STEPS). */
  maxSteps?: number;
  /** Rows recorded at most, thinned evenly (default MAX_RECORDED_ROWS; no limit with checkpoints). */
  maxRecordedRows?: number;
  /** Stop (completed) at the first step that ends past this simulated time, s (default: the run's end). */
  untilS?: number;
  /**
   * Reuse this arena's columns for the series (and simulate()'s strength): no fresh large buffers per run.
   * The result's columns are then valid only until the next run with the arena (RunArena's contract).
   * Not with checkpoints (ignored then).
   */
  arena?: RunArena;
}

/** A run stopped because it would exceed a limit of the work one request may cause. */
export class EngineLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineLimitError';
  }
}

export interface EngineRun {
  status: 'completed' | 'cancelled';
  steps: number;
  series: EngineSeries;
  /** Size distributions at the request's chosen times and at the end (size-distribution.ts). */
  sizeDistributions: SizeDistributionSnapshot[];
  kernel: 'wasm' | 'js';
  /** With options.checkpoints: this run's checkpoints, and the simulated time it started from, s. */
  checkpoints?: RunCheckpoints;
  resumedAtS?: number;
}

export const wallClock = () => globalThis.performance.now();

export interface Yielder {
  /** Gives the event loop a turn without the 1-4 ms clamp of setTimeout. */
  yield(): Promise<void>;
  close(): void;
}

/** One per run (not a MessageChannel per yield, every 20 ms), closed when the run ends. */
export function eventLoopYielder(): Yielder {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate;
  if (immediate) return { yield: () => new Promise((resolve) => immediate(resolve)), close: () => {} };
  const channel = new MessageChannel();
  let resume: (() => void) | undefined;
  channel.port1.onmessage = () => resume?.();
  return {
    yield: () =>
      new Promise((resolve) => {
        resume = resolve;
        channel.port2.postMessage(null);
      }),
    close: () => channel.port1.close(),
  };
}

function stepBudgetExceeded(timeS: number, endS: number, maxSteps: number): EngineLimitError {
  const at = `${(timeS / 3600).toPrecision(3)} h of ${(endS / 3600).toPrecision(3)} h`;
  return new EngineLimitError(
    `the run needs more than ${maxSteps} steps, the limit of one run (stopped at ${at}): ` +
      'the schedule changes temperature too often or too fast',
  );
}

export async function runEngine(
  request: SimulationRequest,
  thermo: Thermo,
  kernel: Kernel,
  options: RunOptions = {},
): Promise<EngineRun> {
  const now = options.clock ?? wallClock;
  const keep = options.checkpoints;
  const sim = createSimulation(request, thermo, kernel, {
    keepCheckpoints: keep !== undefined,
    resumeFrom: usableCheckpoints(keep?.resumeFrom, request),
    maxRecordedRows: keep ? undefined : (options.maxRecordedRows ?? MAX_RECORDED_ROWS),
    arena: keep ? undefined : options.arena,
  });
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const progressEvery = options.progressIntervalMs ?? 200;
  const yieldEvery = options.yieldIntervalMs ?? 20;
  const report = () =>
    options.onProgress?.({
      fraction: Math.min(sim.timeS / sim.endS, 1),
      simulatedHours: sim.timeS / 3600,
      steps: sim.steps,
    });
  const finish = (status: EngineRun['status']): EngineRun => {
    const series = sim.series();
    const sizeDistributions = sim.sizeDistributions();
    return {
      status,
      steps: sim.steps,
      series,
      sizeDistributions,
      kernel: kernel.name,
      ...(keep && {
        checkpoints: { request, list: sim.checkpoints, series, sizeDistributions },
        resumedAtS: sim.startS,
      }),
    };
  };

  sim.setup();
  if (options.signal?.aborted) return finish('cancelled');
  report();
  // Only a run that can be cancelled yields (a worker thread's job, a browser preview).
  const yielder = options.signal ? eventLoopYielder() : undefined;
  let lastReport = now();
  let lastYield = lastReport;
  try {
    const untilS = options.untilS ?? Infinity;
    while (sim.timeS < sim.endS && sim.timeS <= untilS) {
      sim.step();
      if (sim.steps >= maxSteps && sim.timeS < sim.endS)
        throw stepBudgetExceeded(sim.timeS, sim.endS, maxSteps);
      if ((sim.steps & 31) !== 0) continue;
      const t = now();
      if (t - lastReport >= progressEvery) {
        report();
        lastReport = t;
      }
      if (yielder && t - lastYield >= yieldEvery) {
        await yielder.yield();
        lastYield = now();
        if (options.signal?.aborted) return finish('cancelled');
      }
    }
  } finally {
    yielder?.close();
  }
  report();
  return finish('completed');
}
