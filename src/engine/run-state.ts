// Everything one run keeps between steps, in one object the host's step functions share.
import type { Kernel, KernelRunInputs, KernelSteps } from '../kernel/types.js';
import type { SimulationRequest } from '../request/validate.js';
import { AVOGADRO } from '../thermo/constants.js';
import { fullComposition, hostRunThermo, type RunThermo, type Thermo } from '../thermo/index.js';
import * as C from './constants.js';
import { profileFromCelsius, type TemperatureProfile } from './profile.js';
import { createRecorder, PHASE_QUANTITIES, type SeriesRecorder } from './series.js';
import { createRecordPair, type PhaseState, type RecordPair } from './state.js';
import { cbrt } from '../thermo/math.js';

export interface RunState {
  thermo: Thermo;
  kernel: Kernel;
  /** Chemical potentials and tie-line kinetics: the kernel's when it has them, else the host's. */
  chemistry: RunThermo;
  /** The kernel's own step loop when it has one for this run (kernel-steps.ts), else the host's step. */
  steps: KernelSteps | undefined;
  phases: PhaseState[];
  profile: TemperatureProfile;
  endS: number;
  /** Solute and balance element indices of the composition vectors. */
  solutes: number[];
  balance: number;
  x0: Float64Array;
  /** Current matrix composition (every element). */
  x: Float64Array;
  bulkSitesPerM3: number;
  timeS: number;
  /** The solver's largest step: the run's length, lowered to the time left (kwn.md §2.6). */
  maxStepS: number;
  stepIndex: number;
  records: number;
  last: RecordPair;
  prev: RecordPair;
  numberDensity: Float64Array;
  meanRadius: Float64Array;
  volumeFraction: Float64Array;
  /** Whether each phase keeps its distribution this step (false: kawin resets it). */
  keep: boolean[];
  psdLimits: Float64Array;
  mu: Float64Array;
  grad: Float64Array;
  soluteRow: Float64Array;
  phaseRow: Float64Array;
  recorder: SeriesRecorder;
}

function createPhases(request: SimulationRequest, thermo: Thermo, chemistry: RunThermo): PhaseState[] {
  const { system } = thermo;
  return request.phases.map((name, index) => {
    const kinetics = chemistry.phaseKinetics(name);
    return {
      name,
      index,
      interfacialEnergyJPerM2: request.config.interfacial_energy[name],
      molarVolume: C.MOLAR_VOLUME_M3,
      soluteComposition: Float64Array.from(system.solutes, (i) => kinetics.compound.composition[i]),
      kinetics,
      kineticsStep: -1,
      kineticsValid: false,
      idle: true,
    };
  });
}

/**
 * Run states are instances of this (empty) class rather than object literals: measured in Node 20, the
 * second run's literal invalidated the first run's optimized step code (field types of the literal's
 * map), so every later run, e.g. each preview after a keystroke, warmed the JIT up again.
 */
class RunStateObject {}

export function createRunState(request: SimulationRequest, thermo: Thermo, kernel: Kernel): RunState {
  const { system } = thermo;
  const x0 = fullComposition(system, request.composition);
  const chemistry = kernel.runThermo?.(system) ?? hostRunThermo(thermo);
  const phases = createPhases(request, thermo, chemistry);
  const P = phases.length;
  let minSolute = Infinity;
  for (const i of system.solutes) minSolute = Math.min(minSolute, x0[i]);
  const soluteNames = system.solutes.map((i) => system.elements[i]);
  const profile = profileFromCelsius(
    request.temperature_profile.time_points_hours,
    request.temperature_profile.temperatures_celsius,
  );
  const endS = request.simulation_time_hours * 3600;
  const bulkSitesPerM3 = (minSolute * AVOGADRO) / C.MOLAR_VOLUME_M3;
  const parts = { thermo, chemistry, phases, x0, profile, endS, bulkSitesPerM3 };
  const steps = kernel.runSteps?.(kernelRunInputs(parts));
  return Object.assign(new RunStateObject(), {
    thermo,
    kernel,
    chemistry,
    steps,
    phases,
    profile,
    endS,
    solutes: system.solutes,
    balance: system.balance,
    x0,
    x: x0.slice(),
    bulkSitesPerM3,
    timeS: 0,
    maxStepS: request.simulation_time_hours * 3600,
    stepIndex: 0,
    records: 0,
    last: createRecordPair(P),
    prev: createRecordPair(P),
    numberDensity: new Float64Array(P),
    meanRadius: new Float64Array(P),
    volumeFraction: new Float64Array(P),
    keep: new Array<boolean>(P).fill(true),
    psdLimits: new Float64Array(P),
    mu: new Float64Array(x0.length),
    grad: new Float64Array(x0.length),
    soluteRow: new Float64Array(soluteNames.length),
    phaseRow: new Float64Array(P * PHASE_QUANTITIES.length),
    recorder: createRecorder(soluteNames, request.phases),
  });
}

/** What a kernel that steps the run itself reads of it (Kernel.runSteps). */
export function kernelRunInputs(
  s: Pick<RunState, 'thermo' | 'chemistry' | 'phases' | 'x0' | 'profile' | 'endS' | 'bulkSitesPerM3'>,
): KernelRunInputs {
  return {
    thermo: s.thermo,
    chemistry: s.chemistry,
    compounds: s.phases.map((ph) => ph.kinetics.compound),
    x0: s.x0,
    ...s.profile,
    endS: s.endS,
    bulkSitesPerM3: s.bulkSitesPerM3,
    limits: C.STEP_LIMITS,
    minNumberDensity: C.MIN_NUMBER_DENSITY,
  };
}

/** Sets the kernel up for this run's phases (kwn.md §2 defaults). */
export function setUpKernel(s: RunState): void {
  s.kernel.setup({
    phaseCount: s.phases.length,
    minRadiusM: C.MIN_RADIUS_M,
    gridMinM: C.GRID_MIN_M,
    gridMaxM: C.GRID_MAX_M,
    bins: C.GRID_BINS,
    minBins: C.GRID_MIN_BINS,
    maxBins: C.GRID_MAX_BINS,
    latticeParameterM: cbrt((C.ATOMS_PER_UNIT_CELL * C.MOLAR_VOLUME_M3) / AVOGADRO),
    matrixMolarVolume: C.MOLAR_VOLUME_M3,
  });
  for (const ph of s.phases) s.kernel.setPhase(ph.index, ph.interfacialEnergyJPerM2, ph.molarVolume);
}
