// A run stepped by the kernel itself (Kernel.runSteps: the WebAssembly kernel's assembly/run.ts, the same
// bits as simulation.ts's host step). The host counts nothing and chooses nothing: it appends each row,
// keeps checkpoints and mirrors what the run loop reads each step (time, records) and, only when it needs
// them, what a checkpoint or a replayed step size reads (step index, largest step).
import type { KernelSteps } from '../kernel/types.js';
import {
  checkpointBeforeStep,
  restoreCheckpoint,
  type Checkpoint,
  type CheckpointPlan,
} from './checkpoint.js';
import { setUpKernel, type RunState } from './run-state.js';
import type { EngineSeries } from './series.js';

function appendRow(s: RunState, steps: KernelSteps): void {
  s.timeS = steps.timeS;
  s.records = steps.records;
  s.recorder.append(s.timeS, steps.temperatureK, steps.soluteRow, steps.phaseRow);
}

/** The set-up row (kwn.md §9 S1-S4), computed by the kernel. */
export function setUpInKernel(s: RunState, steps: KernelSteps): void {
  setUpKernel(s);
  steps.begin();
  steps.setUp();
  appendRow(s, steps);
}

/** A run resumed from a checkpoint of a run the kernel stepped too (same kernel, same request but T(t)). */
export function resumeInKernel(
  s: RunState,
  steps: KernelSteps,
  from: Checkpoint,
  series: EngineSeries,
): void {
  setUpKernel(s);
  steps.begin();
  restoreCheckpoint(s, from, series);
  steps.resumeAt(s.stepIndex);
}

/** One explicit-Euler step (kwn.md §9) in the kernel. */
export function stepInKernel(
  s: RunState,
  steps: KernelSteps,
  plan: CheckpointPlan,
  replay?: ArrayLike<number>,
): void {
  const chosenS = steps.chooseStep();
  const index = replay ? steps.stepIndex : 0;
  const dt = replay && index <= replay.length ? replay[index - 1] : chosenS;
  if (s.timeS + dt > plan.nextS) {
    s.stepIndex = steps.stepIndex;
    s.maxStepS = steps.maxStepS;
    checkpointBeforeStep(s, plan, dt);
  }
  steps.finishStep(dt);
  appendRow(s, steps);
}
