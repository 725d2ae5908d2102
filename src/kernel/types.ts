// The kernel as the engine sees it: one module (assembly/, built for two targets: WebAssembly and, by
// wasm2js, JavaScript) that steps a run itself. The host sets it up, binds a run's inputs, calls it twice
// per step, appends the rows it records and keeps checkpoints of its state.
import type { CompoundModel, RunThermo, Thermo, ThermoSystem } from '../thermo/index.js';

export type KernelName = 'wasm' | 'js';

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
  /** kawin's Avogadro constant, 1/mol, and Boltzmann constant, J/K (src/thermo/constants.ts). */
  avogadroPerMol: number;
  boltzmannJPerK: number;
}

/** A copy of a kernel's whole state, to resume a run from; only a kernel of the same target reads it. */
export interface KernelState {
  readonly kernel: KernelName;
  readonly phaseCount: number;
}

/** Where the functions over rows put their result columns: zeroed arrays (fresh ones, or a RunArena's). */
export interface ColumnAllocator {
  float64(n: number): Float64Array;
  uint8(n: number): Uint8Array;
}

/** The module's exp, log and pow (assembly/math.ts): the same bits from either target, faster from WASM. */
export interface KernelMath {
  exp(x: number): number;
  log(x: number): number;
  pow(x: number, y: number): number;
  /**
   * kawin's strength model over recorded rows, in the module (assembly/strength-rows.ts); each phase's
   * slip-plane columns only when `slipPlane` is true (copying them out costs as much as the totals' math).
   */
  strengthRows(
    model: KernelStrengthModel,
    rows: KernelStrengthRows,
    slipPlane: boolean,
    alloc?: ColumnAllocator,
  ): KernelStrengthResults;
  /** Each phase's diameter, aspect ratio and major axis over recorded rows (assembly/strength-seed.ts). */
  shapeRows(model: KernelSeedModel, rows: KernelSeedRows, alloc?: ColumnAllocator): KernelShapes[];
  /** The shapes and the seed model's Orowan strength over recorded rows (assembly/strength-seed.ts). */
  seedStrengthRows(model: KernelSeedModel, rows: KernelSeedRows, alloc?: ColumnAllocator): KernelSeedResults;
}

export interface Kernel {
  readonly name: KernelName;
  /** The module's math, for host code that calls it per recorded row (the strength model). */
  readonly math: KernelMath;
  setup(s: KernelSetup): void;
  /** siteFactor multiplies the bulk nucleation-site density the phase nucleates on (1: kawin's). */
  setPhase(p: number, interfacialEnergyJPerM2: number, molarVolume: number, siteFactor: number): void;
  /** Copies the state (distributions, the run's state, incubation history) as it is now. */
  saveState(): KernelState;
  /** Puts back a state saved by a kernel of this target, after setup() for the same phase count. */
  restoreState(state: KernelState): void;
  /**
   * The kernel's composition-dependent thermodynamics for a run of `system`; throws when the system
   * exceeds the kernel's capacity (elements, Redlich-Kister or mobility terms).
   */
  runThermo(system: ThermoSystem): RunThermo;
  /** The kernel's step loop for a run; throws when the run exceeds its capacity (phases, profile points). */
  runSteps(inputs: KernelRunInputs): KernelSteps;
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

/** kawin's strength model as the module takes it (assembly/strength.ts, strength-rows.ts). */
export interface KernelStrengthModel {
  shearModulusPa: number;
  burgersM: number;
  poisson: number;
  /** Per phase, its contributions as [type code, a, c] (assembly/strength.ts strengthTerm). */
  terms: [number, number, number][][];
  taylorFactor: number;
  baseStrengthPa: number;
  /** Per solute, in the rows' order: σ_ss = Σ (w·x)^a. */
  solutes: { weightPa: number; exponent: number }[];
}

/** The recorded rows the strength model reads: per phase M1 and M2, per solute the matrix mole fraction. */
export interface KernelStrengthRows {
  length: number;
  radiusMomentPerM2: Float64Array[];
  radiusSquaredMomentPerM: Float64Array[];
  solutes: Float64Array[];
}

/** Per row: r_ss and L_s (m), the weak and strong shearing CRSS, each superposed, and Orowan's (Pa). */
export interface KernelSlipPlane {
  radiusM: Float64Array;
  spacingM: Float64Array;
  weakCrssPa: Float64Array;
  strongCrssPa: Float64Array;
  orowanCrssPa: Float64Array;
}

/** Per phase and row: τ_p (§5), M·τ_p, its mechanism (MECHANISM code) and, on request, the slip plane (§1-§4). */
export interface KernelPhaseStrength {
  crssMPa: Float64Array;
  yieldStrengthMPa: Float64Array;
  mechanism: Uint8Array;
  slipPlane?: KernelSlipPlane;
}

export interface KernelStrengthResults {
  phases: KernelPhaseStrength[];
  /** Per row (§6, §7), MPa: τ_prec, σ_prec = M·τ_prec, σ_ss and σ_y. */
  totalCrssMPa: Float64Array;
  precipitationStrengthMPa: Float64Array;
  solidSolutionStrengthMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
}

/** The particles' shape law and the seed model's constants as the module takes them (assembly/strength-seed.ts). */
export interface KernelSeedModel {
  aspectRatioPrefactor: number;
  aspectRatioExponent: number;
  shearModulusGpa: number;
  burgersNm: number;
  poisson: number;
  taylorFactor: number;
}

/** The recorded rows the shapes and the seed model read: per phase the mean radius and volume fraction. */
export interface KernelSeedRows {
  length: number;
  meanRadiusM: Float64Array[];
  volumeFraction: Float64Array[];
}

/** Per phase and row: mean diameter, aspect ratio and major axis (0 without particles). */
export interface KernelShapes {
  diameterNm: Float64Array;
  aspectRatio: Float64Array;
  majorAxisNm: Float64Array;
}

/** Per phase and row also the Orowan τ and M·τ; per row their sums over the phases, MPa. */
export interface KernelSeedResults {
  phases: (KernelShapes & { crssMPa: Float64Array; yieldStrengthMPa: Float64Array })[];
  totalCrssMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
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
  /** Values the kernel records per phase in a row (ROW_PHASE_QUANTITIES). */
  readonly phaseQuantities: number;
  /** The last recorded row: solute mole fractions, and phaseQuantities values per phase. */
  readonly soluteRow: Float64Array;
  readonly phaseRow: Float64Array;
}
