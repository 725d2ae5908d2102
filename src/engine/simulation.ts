// The host side of the KWN model (kwn.md §8-9): set-up, and one explicit-Euler step at a time. The
// kernel owns the size distributions and the nucleation rate; host-physics.ts the rest of a step. A kernel
// with its own step (the WASM kernel: kernel-steps.ts) runs this same step, op for op, itself.
import { OUT, OUT_STRIDE } from '../kernel/types.js';
import type { Kernel } from '../kernel/types.js';
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
import * as C from './constants.js';
import { growth, massBalance, nucleation, record } from './host-physics.js';
import { resumeInKernel, setUpInKernel, stepInKernel } from './kernel-steps.js';
import { temperatureAt } from './profile.js';
import { createRunState, setUpKernel, type RunState } from './run-state.js';
import { copyRecord } from './state.js';
import { chooseTimeStep } from './timestep.js';

export interface SimulationOptions {
  /** Diagnostics: replay these step sizes (s) instead of choosing them, e.g. a reference run's. */
  replayStepsS?: ArrayLike<number>;
  /** Start from the last of these checkpoints (see usableCheckpoints) instead of from t = 0. */
  resumeFrom?: RunCheckpoints;
  /** Keep a checkpoint before each profile point the run steps past (the `checkpoints` getter). */
  keepCheckpoints?: boolean;
  /** Record at most about this many rows, thinned evenly (SeriesRecorder.limitRows); not with checkpoints. */
  maxRecordedRows?: number;
}

/** Set-up row (kwn.md §9 S1-S4): nucleation and growth at t = 0 with empty distributions. */
function setUp(s: RunState): void {
  setUpKernel(s);
  const temperatureK = temperatureAt(s.profile, 0);
  s.kernel.appendRecord(0, temperatureK); // record 0 of the incubation history; β* = 0 until nucleation runs
  nucleation(s, temperatureK);
  growth(s, temperatureK);
  s.last.timeS = 0;
  s.last.temperatureK = temperatureK;
  const out = s.kernel.out;
  for (const ph of s.phases)
    s.last.criticalRadiusM[ph.index] = out[ph.index * OUT_STRIDE + OUT.criticalRadius];
  s.recorder.append(
    0,
    temperatureK,
    s.soluteRow.map((_, k) => s.x[s.solutes[k]]),
    setUpRow(s),
  );
  s.records = 1;
}

function setUpRow(s: RunState): Float64Array {
  const q = s.phaseRow.length / s.phases.length;
  const row = new Float64Array(s.phaseRow.length);
  for (const ph of s.phases) {
    row[ph.index * q + 3] = s.last.drivingForceJPerM3[ph.index] * ph.molarVolume;
    row[ph.index * q + 5] = s.last.criticalRadiusM[ph.index];
  }
  return row;
}

/** Fluxes of every active phase and the step size (kwn.md §8). */
function chooseStep(s: RunState, maxStepS: number, replay?: ArrayLike<number>): number {
  const { kernel, phases } = s;
  const out = kernel.out;
  s.psdLimits.fill(Infinity);
  for (let j = 0; j < phases.length; j++) {
    const ph = phases[j];
    ph.idle = kernel.isEmpty(ph.index) && out[ph.index * OUT_STRIDE + OUT.nucleationRate] === 0;
    if (!ph.idle) s.psdLimits[ph.index] = kernel.prepare(ph.index);
  }
  const lastPhase = phases[phases.length - 1];
  const o = lastPhase.index * OUT_STRIDE;
  // kawin quirk: only the last phase's volume change limits the time step
  const volumeRate = lastPhase.idle
    ? 0
    : kernel.volumeRate(lastPhase.index, out[o + OUT.nucleationRate], out[o + OUT.nucleusRadius]);
  const dt = Math.min(
    Math.max(chooseTimeStep(s, volumeRate), C.STEP_LIMITS.minFractionOfRun * s.endS),
    maxStepS,
  );
  return replay && s.stepIndex <= replay.length ? replay[s.stepIndex - 1] : dt;
}

/** PSD ← advanced PSD, resizing, or kawin's reset of a phase with ΔG_v < 0 and no particles. */
function commitPhases(s: RunState): void {
  for (let j = 0; j < s.phases.length; j++) {
    const ph = s.phases[j];
    const p = ph.index;
    if (!s.keep[p]) {
      s.kernel.resetGrid(p);
      continue;
    }
    if (ph.idle) continue;
    if (s.kernel.commit(p) === 1 && ph.kineticsValid) {
      s.kernel.setGrowth(p, ph.kinetics.curvature.mc, s.last.drivingForceJPerM3[p] * ph.molarVolume);
    }
  }
}

/** One explicit-Euler step (kwn.md §9). */
function step(s: RunState, plan: CheckpointPlan, replay?: ArrayLike<number>): void {
  const { kernel } = s;
  s.stepIndex++;
  if (s.maxStepS > s.endS - s.timeS) s.maxStepS = s.endS - s.timeS;
  const dt = chooseStep(s, s.maxStepS, replay);
  if (s.timeS + dt > plan.nextS) checkpointBeforeStep(s, plan, dt);
  const out = kernel.out;
  for (let j = 0; j < s.phases.length; j++) {
    const ph = s.phases[j];
    if (ph.idle) continue;
    const o = ph.index * OUT_STRIDE;
    kernel.advance(ph.index, dt, out[o + OUT.nucleationRate], out[o + OUT.nucleusRadius]);
  }
  s.timeS += dt;
  const temperatureK = temperatureAt(s.profile, s.timeS);
  copyRecord(s.last, s.prev);
  massBalance(s);
  nucleation(s, temperatureK);
  growth(s, temperatureK);
  record(s, temperatureK);
  commitPhases(s);
}

/** A run in progress; a class so that every run shares its methods (keeps V8's call sites monomorphic). */
export class Simulation {
  private readonly s: RunState;
  private readonly plan: CheckpointPlan;
  /** The checkpoint the run starts from (the last of options.resumeFrom), if any. */
  private readonly start: Checkpoint | undefined;
  constructor(
    request: SimulationRequest,
    thermo: Thermo,
    kernel: Kernel,
    private readonly options: SimulationOptions = {},
  ) {
    this.s = createRunState(request, thermo, kernel);
    if (options.maxRecordedRows !== undefined) this.s.recorder.limitRows(options.maxRecordedRows);
    const inherited = options.resumeFrom?.list ?? [];
    this.start = inherited[inherited.length - 1];
    const points = options.keepCheckpoints ? request.temperature_profile.time_points_hours : undefined;
    this.plan = checkpointPlan(points, inherited, this.startS);
  }
  setup(): void {
    const { s, start } = this;
    const from = this.options.resumeFrom;
    if (s.steps) {
      if (from && start) resumeInKernel(s, s.steps, start, from.series);
      else setUpInKernel(s, s.steps);
      return;
    }
    if (!from || !start) return setUp(s);
    setUpKernel(s);
    restoreCheckpoint(s, start, from.series);
  }
  step(): void {
    const { s } = this;
    if (s.steps) stepInKernel(s, s.steps, this.plan, this.options.replayStepsS);
    else step(s, this.plan, this.options.replayStepsS);
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
