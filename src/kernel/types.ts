// The flat kernel interface shared by the WebAssembly kernel and the plain TypeScript solver: numbers in,
// numbers out; per-phase results land in `out` (a Float64Array view, OUT_STRIDE slots per phase).
import type { RunThermo, ThermoSystem } from '../thermo/index.js';

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
  /** Current grid: bins count, and copies of bounds and PSD (for inspection and tests). */
  bins(p: number): number;
  psd(p: number): Float64Array;
  bounds(p: number): Float64Array;
}
