// The one typed wrapper around the WebAssembly kernel (build/kernel.wasm, from assembly/). Nothing else
// touches the module. Views over its memory are made once and remade only when the memory grows.
import type { RunThermo, ThermoSystem } from '../thermo/index.js';
import {
  OUT_STRIDE,
  type Kernel,
  type KernelRunInputs,
  type KernelSetup,
  type KernelState,
  type KernelSteps,
} from './types.js';
import { WasmRunSteps, type RunExports } from './wasm-run.js';
import { WasmRunThermo, type ThermoExports } from './wasm-thermo.js';

interface KernelExports extends ThermoExports, RunExports {
  memory: WebAssembly.Memory;
  setup(
    phases: number,
    minRadius: number,
    gridMin: number,
    gridMax: number,
    bins: number,
    minBins: number,
    maxBins: number,
    lattice: number,
    vmMatrix: number,
  ): void;
  setPhase(p: number, gamma: number, vm: number): void;
  isEmpty(p: number): number;
  resetGrid(p: number): void;
  clearGrowth(p: number): void;
  setGrowth(p: number, mc: number, drivingForceJPerMol: number): void;
  prepare(p: number): number;
  volumeRate(p: number, nucleationRate: number, nucleusRadiusM: number): number;
  advance(p: number, dt: number, nucleationRate: number, nucleusRadiusM: number): void;
  nucleate(
    p: number,
    temperatureK: number,
    timeS: number,
    drivingForceJPerM3: number,
    beta: number,
    sites: number,
  ): number;
  commit(p: number): number;
  appendRecord(timeS: number, temperatureK: number): void;
  binsOf(p: number): number;
  psdPtr(p: number): number;
  boundsPtr(p: number): number;
  outPtr(): number;
  stateStart(): number;
  stateEnd(): number;
  historyScalar(which: number): number;
  restoreHistory(records: number, firstTemperatureK: number, lastTemperatureK: number): void;
}

/** The kernel's memory from its first phase block to its last history record, and the history's scalars. */
interface WasmKernelState extends KernelState {
  readonly kernel: 'wasm';
  /** Memory from stateStart() to stateEnd() (both multiples of 8). */
  readonly doubles: Float64Array;
  readonly history: readonly [records: number, firstTemperatureK: number, lastTemperatureK: number];
}

function abort(): never {
  throw new Error('WebAssembly kernel aborted');
}

/**
 * The kernel over one instance of the module. A class (not an object of closures) so that every instance
 * shares its methods: the engine's call sites then stay monomorphic from one run to the next, which V8
 * needs to keep the host's step loop optimized (measured: closures made each run re-warm the JIT).
 */
class WasmKernel implements Kernel {
  readonly name = 'wasm' as const;
  private readonly ex: KernelExports;
  private phaseCount = 0;
  private view = new Float64Array(0);
  private readonly thermo: WasmRunThermo;
  private readonly steps: WasmRunSteps;

  constructor(module: WebAssembly.Module) {
    // The kernel's step asks the host for a new temperature's T-only thermodynamics (wasm-run.ts).
    const runTemperature = (temperatureK: number) => this.steps.temperature(temperatureK);
    const imports = { env: { abort, runTemperature } };
    this.ex = new WebAssembly.Instance(module, imports).exports as unknown as KernelExports;
    this.thermo = new WasmRunThermo(this.ex);
    this.steps = new WasmRunSteps(this.ex, this.thermo);
    // Growing the memory detaches its ArrayBuffer, and the first detach of a buffer under a typed-array
    // view makes V8 throw away every optimized function that reads a typed array (measured: about 40
    // functions in Chromium 156, nearly all of the engine's hot code in Node 20). The history's growth
    // did that mid-run, so a fresh engine recompiled everything there; a view and one page grown here,
    // before that code is hot, take the hit while it costs nothing.
    new Float64Array(this.ex.memory.buffer, 0, 1);
    this.ex.memory.grow(1);
  }

  get out(): Float64Array {
    return this.view;
  }

  /**
   * Views over the memory are made once and again only when the memory has grown. Growing detaches the
   * old buffer, and a view of a detached buffer has length 0: reading that is cheap, whereas the memory's
   * buffer getter, read every step, took ~1 % of a fresh page's run (a Chromium profile).
   */
  private refreshViews(): void {
    if (this.view.length !== 0) return;
    this.view = new Float64Array(this.ex.memory.buffer, this.ex.outPtr(), this.phaseCount * OUT_STRIDE);
  }

  private copyOut(ptr: number, length: number): Float64Array {
    return new Float64Array(this.ex.memory.buffer, ptr, length).slice();
  }

  setup(s: KernelSetup): void {
    this.phaseCount = s.phaseCount;
    this.ex.setup(
      s.phaseCount,
      s.minRadiusM,
      s.gridMinM,
      s.gridMaxM,
      s.bins,
      s.minBins,
      s.maxBins,
      s.latticeParameterM,
      s.matrixMolarVolume,
    );
    this.view = new Float64Array(0); // the phase count may have changed
    this.refreshViews();
  }
  setPhase(p: number, gamma: number, vm: number): void {
    this.ex.setPhase(p, gamma, vm);
  }
  isEmpty(p: number): boolean {
    return this.ex.isEmpty(p) !== 0;
  }
  resetGrid(p: number): void {
    this.ex.resetGrid(p);
  }
  clearGrowth(p: number): void {
    this.ex.clearGrowth(p);
  }
  setGrowth(p: number, mc: number, drivingForceJPerMol: number): void {
    this.ex.setGrowth(p, mc, drivingForceJPerMol);
  }
  prepare(p: number): number {
    return this.ex.prepare(p);
  }
  volumeRate(p: number, nucleationRate: number, nucleusRadiusM: number): number {
    return this.ex.volumeRate(p, nucleationRate, nucleusRadiusM);
  }
  advance(p: number, dt: number, nucleationRate: number, nucleusRadiusM: number): void {
    this.ex.advance(p, dt, nucleationRate, nucleusRadiusM);
  }
  nucleate(
    p: number,
    temperatureK: number,
    timeS: number,
    drivingForceJPerM3: number,
    beta: number,
    sites: number,
  ): number {
    return this.ex.nucleate(p, temperatureK, timeS, drivingForceJPerM3, beta, sites);
  }
  commit(p: number): number {
    return this.ex.commit(p);
  }
  appendRecord(timeS: number, temperatureK: number): void {
    this.ex.appendRecord(timeS, temperatureK);
    this.refreshViews(); // the history may have grown the memory
  }
  // Checkpoints copy through short-lived views: a view of the whole memory kept with the others made
  // the first preview's engine run ~0.1 s slower in Chromium (interleaved page loads, 1232 vs 1121 ms).
  saveState(): WasmKernelState {
    return {
      kernel: 'wasm',
      phaseCount: this.phaseCount,
      doubles: this.copyOut(this.ex.stateStart(), (this.ex.stateEnd() - this.ex.stateStart()) / 8),
      history: [this.ex.historyScalar(0), this.ex.historyScalar(1), this.ex.historyScalar(2)],
    };
  }
  restoreState(state: KernelState): void {
    if (state.kernel !== 'wasm' || state.phaseCount !== this.phaseCount) {
      throw new Error(`cannot restore a ${state.kernel} state of ${state.phaseCount} phases`);
    }
    const saved = state as WasmKernelState;
    this.ex.restoreHistory(...saved.history); // grows the memory to hold the records first
    this.refreshViews();
    new Float64Array(this.ex.memory.buffer, this.ex.stateStart(), saved.doubles.length).set(saved.doubles);
  }
  runThermo(system: ThermoSystem): RunThermo | undefined {
    return this.thermo.bind(system) ? this.thermo : undefined;
  }
  runSteps(inputs: KernelRunInputs): KernelSteps | undefined {
    return this.steps.bind(inputs) ? this.steps : undefined;
  }
  bins(p: number): number {
    return this.ex.binsOf(p);
  }
  psd(p: number): Float64Array {
    return this.copyOut(this.ex.psdPtr(p), this.ex.binsOf(p));
  }
  bounds(p: number): Float64Array {
    return this.copyOut(this.ex.boundsPtr(p), this.ex.binsOf(p) + 1);
  }
}

/** Instantiates a compiled kernel module (compile once, instantiate per run or per worker). */
export function createWasmKernel(module: WebAssembly.Module): Kernel {
  return new WasmKernel(module);
}
