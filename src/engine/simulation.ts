// A run of the KWN model (kwn.md §8-9), stepped by the kernel (assembly/run.ts: the time-step choice,
// nucleation, growth, mass balance and the recorded row, written once for both targets). The host sets
// the kernel up, appends each row it records, and keeps checkpoints before the profile's points.
import type { Kernel } from '../kernel/types.js';
import type { RunArena } from './arena.js';
import type { SimulationRequest } from '../request/validate.js';
import type { Thermo } from '../thermo/index.js';
import {
  checkpointBeforeStep,
  checkpointPlan,
  restoreCheckpoint,
  type Checkpoint,
  type CheckpointPlan,
  type RunCheckpoints,
} from './checkpoint.js';
import { createRunState, setUpKernel, type RunState } from './run-state.js';
import { SizeDistributionRecorder, type SizeDistributionSnapshot } from './size-distribution.js';

export interface SimulationOptions {
  /** Diagnostics: replay these step sizes (s) instead of choosing them, e.g. a reference run's. */
  replayStepsS?: ArrayLike<number>;
  /** Start from the last of these checkpoints (see usableCheckpoints) instead of from t = 0. */
  resumeFrom?: RunCheckpoints;
  /** Keep a checkpoint before each profile point the run steps past (the `checkpoints` getter). */
  keepCheckpoints?: boolean;
  /** Record at most about this many rows, thinned evenly (SeriesRecorder.limitRows); not with checkpoints. */
  maxRecordedRows?: number;
  /** Record into this arena's columns (arena.ts; needs maxRecordedRows, not with checkpoints). */
  arena?: RunArena;
}

/** A resumed run inherits the snapshots its checkpoint's run took up to the checkpoint (the same states). */
function inheritedSnapshots(from: RunCheckpoints | undefined, startS: number): SizeDistributionSnapshot[] {
  return (from?.sizeDistributions ?? []).filter((d) => d.timeS <= startS);
}

function appendRow(s: RunState): void {
  const { steps } = s;
  s.timeS = steps.timeS;
  s.records = steps.records;
  s.recorder.append(s.timeS, steps.temperatureK, steps.soluteRow, steps.phaseRow);
}

/** One explicit-Euler step (kwn.md §9); the host only mirrors what a checkpoint or a replay reads. */
function step(s: RunState, plan: CheckpointPlan, replay?: ArrayLike<number>): void {
  const { steps } = s;
  const chosenS = steps.chooseStep();
  const index = replay ? steps.stepIndex : 0;
  const dt = replay && index <= replay.length ? replay[index - 1] : chosenS;
  if (s.timeS + dt > plan.nextS) {
    s.stepIndex = steps.stepIndex;
    s.maxStepS = steps.maxStepS;
    checkpointBeforeStep(s, plan, dt);
  }
  steps.finishStep(dt);
  appendRow(s);
}

/** A run in progress; a class so that every run shares its methods (keeps V8's call sites monomorphic). */
export class Simulation {
  private readonly s: RunState;
  private readonly plan: CheckpointPlan;
  /** The checkpoint the run starts from (the last of options.resumeFrom), if any. */
  private readonly start: Checkpoint | undefined;
  private readonly psd: SizeDistributionRecorder;
  constructor(
    request: SimulationRequest,
    thermo: Thermo,
    kernel: Kernel,
    private readonly options: SimulationOptions = {},
  ) {
    this.s = createRunState(request, thermo, kernel, options.arena);
    if (options.maxRecordedRows !== undefined) this.s.recorder.limitRows(options.maxRecordedRows);
    const inherited = options.resumeFrom?.list ?? [];
    this.start = inherited[inherited.length - 1];
    const points = options.keepCheckpoints ? request.temperature_profile.time_points_hours : undefined;
    this.plan = checkpointPlan(points, inherited, this.startS);
    const psdHours = request.output?.size_distribution_times_hours ?? [];
    const psdInherited = inheritedSnapshots(options.resumeFrom, this.startS);
    this.psd = new SizeDistributionRecorder(kernel, request.phases, psdHours, psdInherited);
  }
  /** Snapshots of the size distributions due by now (the kernel holds the state of the last row). */
  private recordSizeDistributions(): void {
    if (this.s.timeS >= this.psd.nextS) this.psd.afterRecord(this.s.timeS, this.s.steps.temperatureK);
  }
  /** The set-up row (kwn.md §9 S1-S4), or the state of the checkpoint the run resumes from. */
  setup(): void {
    const { s, start } = this;
    const from = this.options.resumeFrom;
    setUpKernel(s);
    s.steps.begin();
    if (from && start) {
      restoreCheckpoint(s, start, from.series);
      s.steps.resumeAt(s.stepIndex);
      return;
    }
    s.steps.setUp();
    appendRow(s);
    this.recordSizeDistributions();
  }
  step(): void {
    step(this.s, this.plan, this.options.replayStepsS);
    this.recordSizeDistributions();
  }
  /** The size distributions at the request's chosen times so far, and at the current (final) state. */
  sizeDistributions(): SizeDistributionSnapshot[] {
    return this.psd.finish(this.s.timeS, this.s.steps.temperatureK);
  }
  /** The checkpoints kept so far (with those resumed from), oldest first. */
  get checkpoints(): Checkpoint[] {
    return this.plan.list;
  }
  /** Simulated time the run started from, s (0 unless resumed). */
  get startS(): number {
    return this.start?.timeS ?? 0;
  }
  get timeS(): number {
    return this.s.timeS;
  }
  get endS(): number {
    return this.s.endS;
  }
  get steps(): number {
    return this.s.records - 1;
  }
  series() {
    return this.s.recorder.series();
  }
}

export function createSimulation(
  request: SimulationRequest,
  thermo: Thermo,
  kernel: Kernel,
  options: SimulationOptions = {},
): Simulation {
  return new Simulation(request, thermo, kernel, options);
}
