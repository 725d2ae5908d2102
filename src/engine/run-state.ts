// Everything one run keeps between steps, in one object: the kernel steps the run (assembly/run.ts) and
// holds its physical state; the host keeps what it appends the rows to and what its run loop reads.
import type { Kernel, KernelRunInputs, KernelSteps } from '../kernel/types.js';
import type { SimulationRequest } from '../request/validate.js';
import { AVOGADRO, BOLTZMANN } from '../thermo/constants.js';
import { fullComposition, type Thermo } from '../thermo/index.js';
import { cbrt } from '../thermo/math.js';
import * as C from './constants.js';
import { profileFromCelsius } from './profile.js';
import type { RunArena } from './arena.js';
import { createRecorder, PHASE_QUANTITIES, type SeriesRecorder } from './series.js';
import { createArenaRecorder } from './series-arena.js';

export interface RunState {
  kernel: Kernel;
  /** The kernel's step loop, bound to this run. */
  steps: KernelSteps;
  phaseNames: string[];
  interfacialEnergyJPerM2: number[];
  /** Each phase's factor on the nucleation-site density. */
  siteFactor: number[];
  endS: number;
  timeS: number;
  /** The solver's largest step: the run's length, lowered to the time left (kwn.md §2.6). */
  maxStepS: number;
  stepIndex: number;
  records: number;
  recorder: SeriesRecorder;
}

/**
 * Run states are instances of this (empty) class rather than object literals: measured in Node 20, the
 * second run's literal invalidated the first run's optimized step code (field types of the literal's
 * map), so every later run, e.g. each preview after a keystroke, warmed the JIT up again.
 */
class RunStateObject {}

/** With `arena`, the rows go into its columns (series-arena.ts; the caller limits the rows). */
export function createRunState(
  request: SimulationRequest,
  thermo: Thermo,
  kernel: Kernel,
  arena?: RunArena,
): RunState {
  const { system } = thermo;
  const endS = request.simulation_time_hours * 3600;
  const steps = kernel.runSteps(kernelRunInputs(request, thermo, kernel));
  if (steps.phaseQuantities !== PHASE_QUANTITIES.length) {
    throw new Error(
      `the kernel records ${steps.phaseQuantities} values per phase, the engine reads ${PHASE_QUANTITIES.length}`,
    );
  }
  return Object.assign(new RunStateObject(), {
    kernel,
    steps,
    phaseNames: request.phases,
    interfacialEnergyJPerM2: request.phases.map((name) => request.config.interfacial_energy[name]),
    siteFactor: request.phases.map((name) => request.config.nucleation_site_factor?.[name] ?? 1),
    endS,
    timeS: 0,
    maxStepS: endS,
    stepIndex: 0,
    records: 0,
    recorder: recorderFor(
      system.solutes.map((i) => system.elements[i]),
      request.phases,
      arena,
    ),
  });
}

const recorderFor = (solutes: string[], phases: string[], arena: RunArena | undefined): SeriesRecorder =>
  arena ? createArenaRecorder(arena, solutes, phases) : createRecorder(solutes, phases);

/** What the kernel stepping a run reads of it (Kernel.runSteps). */
export function kernelRunInputs(request: SimulationRequest, thermo: Thermo, kernel: Kernel): KernelRunInputs {
  const { system } = thermo;
  const x0 = fullComposition(system, request.composition);
  let minSolute = Infinity;
  for (const i of system.solutes) minSolute = Math.min(minSolute, x0[i]);
  const chemistry = kernel.runThermo(system);
  const mobilityFactor = request.config.mobility_factor as Record<string, number> | undefined;
  chemistry.setMobilityFactors(system.elements.map((element) => mobilityFactor?.[element] ?? 1));
  return {
    thermo,
    chemistry,
    compounds: request.phases.map((name) => system.compound(name)),
    x0,
    ...profileFromCelsius(
      request.temperature_profile.time_points_hours,
      request.temperature_profile.temperatures_celsius,
    ),
    endS: request.simulation_time_hours * 3600,
    bulkSitesPerM3: (minSolute * AVOGADRO) / C.MOLAR_VOLUME_M3,
    limits: C.STEP_LIMITS,
    minNumberDensity: C.MIN_NUMBER_DENSITY,
  };
}

/** Sets the kernel up for this run's phases (kwn.md §2 defaults). */
export function setUpKernel(s: RunState): void {
  s.kernel.setup({
    phaseCount: s.phaseNames.length,
    minRadiusM: C.MIN_RADIUS_M,
    gridMinM: C.GRID_MIN_M,
    gridMaxM: C.GRID_MAX_M,
    bins: C.GRID_BINS,
    minBins: C.GRID_MIN_BINS,
    maxBins: C.GRID_MAX_BINS,
    latticeParameterM: cbrt((C.ATOMS_PER_UNIT_CELL * C.MOLAR_VOLUME_M3) / AVOGADRO),
    matrixMolarVolume: C.MOLAR_VOLUME_M3,
    avogadroPerMol: AVOGADRO,
    boltzmannJPerK: BOLTZMANN,
  });
  s.interfacialEnergyJPerM2.forEach((gamma, p) =>
    s.kernel.setPhase(p, gamma, C.MOLAR_VOLUME_M3, s.siteFactor[p]),
  );
}
