// Runs a simulation to the end, reporting progress and honouring cancellation. Works the same in Node,
// a worker thread and a browser Web Worker: it yields to the event loop every few milliseconds so that
// an AbortSignal (or a message that fires one) is seen promptly.
import type { Kernel } from '../kernel/types.js';
import type { SimulationRequest } from '../request/validate.js';
import type { Thermo } from '../thermo/index.js';
import type { EngineSeries } from './series.js';
import { createSimulation } from './simulation.js';

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
}

export interface EngineRun {
  status: 'completed' | 'cancelled';
  steps: number;
  series: EngineSeries;
  engineMs: number;
  kernel: 'wasm' | 'js';
}

const wallClock = () => globalThis.performance.now();

/** Gives the event loop a turn without the 1-4 ms clamp of setTimeout. */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export async function runEngine(
  request: SimulationRequest,
  thermo: Thermo,
  kernel: Kernel,
  options: RunOptions = {},
): Promise<EngineRun> {
  const now = options.clock ?? wallClock;
  const started = now();
  const sim = createSimulation(request, thermo, kernel);
  const progressEvery = options.progressIntervalMs ?? 200;
  const yieldEvery = options.yieldIntervalMs ?? 20;
  const report = () =>
    options.onProgress?.({
      fraction: Math.min(sim.timeS / sim.endS, 1),
      simulatedHours: sim.timeS / 3600,
      steps: sim.steps,
    });
  const finish = (status: EngineRun['status']): EngineRun => ({
    status,
    steps: sim.steps,
    series: sim.series(),
    engineMs: now() - started,
    kernel: kernel.name,
  });

  sim.setup();
  if (options.signal?.aborted) return finish('cancelled');
  report();
  let lastReport = now();
  let lastYield = lastReport;
  while (sim.timeS < sim.endS) {
    sim.step();
    if ((sim.steps & 31) !== 0) continue;
    const t = now();
    if (t - lastReport >= progressEvery) {
      report();
      lastReport = t;
    }
    if (options.signal && t - lastYield >= yieldEvery) {
      await yieldToEventLoop();
      lastYield = now();
      if (options.signal.aborted) return finish('cancelled');
    }
  }
  report();
  return finish('completed');
}
