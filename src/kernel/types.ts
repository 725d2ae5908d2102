// The flat kernel interface shared by the WebAssembly kernel and the plain TypeScript solver: numbers in,
// numbers out; per-phase results land in `out` (a Float64Array view, OUT_STRIDE slots per phase).
import type { CompoundModel, RunThermo, Thermo, ThermoSystem } from '../thermo/index.js';

/** Slots of `out` for phase p start at p * OUT_STRIDE. */
export const OUT = {
  numberDensity: 0, // Σ n of the advanced PSD, 1/m³
  firstMoment: 1, // Σ n·R, m/m³
  thirdMoment: 2, // Σ n·R³, m³/m³
  nucleationRate: 3, // J, 1/(m³ s)
  nucleusRadius: 4, // R_nuc, m
  criticalRadius: 5, // R*, m
  criticalEnergy: 6, // G*, J
  impingement: 7, // β*, 1/s (the value recorded for the incubation time)
} as const;
export const OUT_STRIDE = 8;

/** Model constants the kernel needs (kwn.md §2). */
export interface KernelSetup {
  phaseCount: number;
  /** Floor of R* and the PSD cleanup radius, m. */
  minRadiusM: number;
  gridMinM: number;
  gridMaxM: number;
  bins: number;
  minBins: number;
  maxBins: number;
  /** Matrix lattice parameter a, m (β* = 4π R*² β / a⁴). */
  latticeParameterM: number;
  /** Vm_α, m³/mol. */
  matrixMolarVolume: number;
}

/** A copy of a kernel's whole state, to resume a run from; only the kernel that made it reads it. */
export interface KernelState {
  readonly kernel: 'wasm' | 'js';
  readonly phaseCount: number;
}

export interface Kernel {
  readonly name: 'wasm' | 'js';
  readonly out: Float64Array;
  setup(s: KernelSetup): void;
  setPhase(p: number, interfacialEnergyJPerM2: number, molarVolume: number): void;
  /** Original grid, empty PSD, zero growth. */
  resetGrid(p: number): void;
  clearGrowth(p: number): void;
  /** G at every bound: (mc / R)(ΔG_m − 2γVm/R), m/s. */
  setGrowth(p: number, mc: number, drivingForceJPerMol: number): void;
  /** Upwind fluxes of the stored PSD; returns the PSD time-step limit (Infinity when none). */
  prepare(p: number): number;
  /** dV/dt of the stored PSD plus nucleation, for the volume time-step limit. */
  volumeRate(p: number, nucleationRate: number, nucleusRadiusM: number): number;
  /** Positivity-corrected Euler step into the next PSD; writes its moments to `out`. */
  advance(p: number, dt: number, nucleationRate: number, nucleusRadiusM: number): void;
  /** Nucleation at (T, t) for ΔG_v ≥ 0; writes J, R_nuc, R*, G*, β* to `out`. Returns J. */
  nucleate(
    p: number,
    temperatureK: number,
    timeS: number,
    drivingForceJPerM3: number,
    betaImpingement: number,
    sitesPerM3: number,
  ): number;
  /** Next PSD becomes the PSD (n < 1 dropped), resize, cleanup; returns 1 if the grid changed. */
  commit(p: number): number;
  /** Appends a record (t, T) to the incubation-time history, using each phase's current β*. */
  appendRecord(timeS: number, temperatureK: number): void;
  /** Whether the stored PSD of phase p has any particles. */
  isEmpty(p: number): boolean;
  /** Copies the state (distributions, outputs, incubation history) as it is now. */
  saveState(): KernelState;
  /** Puts back a state saved by this kind of kernel, after setup() for the same phase count. */
  restoreState(state: KernelState): void;
  /**
   * The kernel's own composition-dependent thermodynamics for a run of `system`, same bits as the host's
   * (src/thermo); undefined when it has none (the TypeScript solver) or the system exceeds its capacity.
   */
  runThermo?(system: ThermoSystem): RunThermo | undefined;
  /**
   * The kernel's own step loop for a run (src/engine/kernel-steps.ts), same bits as the host's step;
   * undefined when it has none (the TypeScript solver) or the run exceeds its capacity.
   */
  runSteps?(inputs: KernelRunInputs): KernelSteps | undefined;
  /** Current grid: bins count, and copies of bounds and PSD (for inspection and tests). */
  bins(p: number): number;
  psd(p: number): Float64Array;
  bounds(p: number): Float64Array;
}

/** What a run's step reads and never changes, beyond KernelSetup (src/engine: createRunState, constants.ts). */
export interface KernelRunInputs {
  /** The T-only thermodynamics, evaluated by the host when a step's temperature changes. */
  thermo: Thermo;
  /** The composition-dependent thermodynamics: must be this kernel's own (runThermo). */
  chemistry: RunThermo;
  /** Each phase's compound, in phase order. */
  compounds: CompoundModel[];
  /** Initial matrix composition, every element. */
  x0: Float64Array;
  timePointsHours: number[];
  temperaturesK: number[];
  endS: number;
  bulkSitesPerM3: number;
  /** kawin's time-step constraints (src/engine/constants.ts STEP_LIMITS). */
  limits: {
    firstStepS: number;
    growthFactor: number;
    minFractionOfRun: number;
    maxNucleationRateChangeDecades: number;
    minNucleationRate: number;
    maxNucleatedPerStep: number;
    maxTemperatureChangeK: number;
    maxCriticalRadiusChange: number;
    maxVolumeChange: number;
  };
  minNumberDensity: number;
}

/** A run stepped by the kernel: the host chooses nothing, it records rows and keeps checkpoints. */
export interface KernelSteps {
  /** A fresh run's state (after setup() and setPhase()); a resumed run then restores its checkpoint. */
  begin(): void;
  /** The set-up row; its values are then in the rows. */
  setUp(): void;
  /** Counts a step and prepares it; returns its size, s. */
  chooseStep(): number;
  /** The rest of the step with size dtS; its row is then in the rows. */
  finishStep(dtS: number): void;
  /** Sets the step counter after a checkpoint's state was restored (checkpoints save it one short). */
  resumeAt(stepIndex: number): void;
  readonly timeS: number;
  readonly maxStepS: number;
  readonly stepIndex: number;
  readonly records: number;
  /** Temperature of the last recorded row (its time is timeS), K. */
  readonly temperatureK: number;
  /** The last recorded row: solute mole fractions, and PHASE_QUANTITIES per phase. */
  readonly soluteRow: Float64Array;
  readonly phaseRow: Float64Array;
}
