// The one typed wrapper around an instance of the kernel module (assembly/), whichever its target: the
// WebAssembly module (wasm.ts) or the same module as JavaScript (js.ts, binaryen's wasm2js). Nothing else
// touches the module. Views over its memory are made once and remade only when the memory grows.
import type { RunThermo, ThermoSystem } from '../thermo/index.js';
import { readLayout, type KernelExports } from '../thermo/module/exports.js';
import type { KernelImports } from '../thermo/module/imports.js';
import { ModuleRunSteps } from './run-steps.js';
import { moduleStrengthRows } from './strength-rows.js';
import { moduleSeedRows } from './seed-rows.js';
import { ModuleRunThermo } from '../thermo/module/chemistry.js';
import type {
  Kernel,
  KernelMath,
  KernelName,
  KernelRunInputs,
  KernelSetup,
  KernelState,
  KernelSteps,
} from './types.js';

/** The kernel's memory from its first phase block to its last history record, and the history's scalars. */
interface ModuleKernelState extends KernelState {
  /** Memory from stateStart() to stateEnd() (both multiples of 8). */
  readonly doubles: Float64Array;
  readonly history: readonly [records: number, firstTemperatureK: number, lastTemperatureK: number];
}

function abort(): never {
  throw new Error('the kernel aborted');
}

/**
 * The kernel over one instance of the module. A class (not an object of closures) so that every instance
 * shares its methods: the engine's call sites then stay monomorphic from one run to the next, which V8
 * needs to keep the host's run loop optimized (measured: closures made each run re-warm the JIT).
 */
class ModuleKernel implements Kernel {
  private readonly ex: KernelExports;
  private phaseCount = 0;
  private readonly thermo: ModuleRunThermo;
  private readonly steps: ModuleRunSteps;
  readonly math: KernelMath;

  constructor(
    readonly name: KernelName,
    instantiate: (imports: KernelImports) => KernelExports,
  ) {
    // The kernel's step asks the host for a new temperature's T-only thermodynamics (run-steps.ts).
    const runTemperature = (temperatureK: number) => this.steps.temperature(temperatureK);
    this.ex = instantiate({ env: { abort, runTemperature } });
    const layout = readLayout(this.ex);
    this.thermo = new ModuleRunThermo(this.ex, layout);
    this.steps = new ModuleRunSteps(this.ex, layout, this.thermo);
    const strengthRows = moduleStrengthRows(this.ex);
    this.math = {
      exp: this.ex.exp,
      log: this.ex.log,
      pow: this.ex.pow,
      strengthRows,
      ...moduleSeedRows(this.ex),
    };
    // Growing the memory detaches its ArrayBuffer, and the first detach of a buffer under a typed-array
    // view makes V8 throw away every optimized function that reads a typed array (measured: about 40
    // functions in Chromium 156, nearly all of the engine's hot code in Node 20). The history's growth
    // did that mid-run, so a fresh engine recompiled everything there; a view and one page grown here,
    // before that code is hot, take the hit while it costs nothing.
    new Float64Array(this.ex.memory.buffer, 0, 1);
    this.ex.memory.grow(1);
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
      s.avogadroPerMol,
      s.boltzmannJPerK,
    );
  }
  setPhase(p: number, gamma: number, vm: number, siteFactor: number): void {
    this.ex.setPhase(p, gamma, vm, siteFactor);
  }
  // Checkpoints copy through short-lived views: a view of the whole memory kept with the others made
  // the first preview's engine run ~0.1 s slower in Chromium (interleaved page loads, 1232 vs 1121 ms).
  saveState(): ModuleKernelState {
    return {
      kernel: this.name,
      phaseCount: this.phaseCount,
      doubles: this.copyOut(this.ex.stateStart(), (this.ex.stateEnd() - this.ex.stateStart()) / 8),
      history: [this.ex.historyScalar(0), this.ex.historyScalar(1), this.ex.historyScalar(2)],
    };
  }
  restoreState(state: KernelState): void {
    if (state.kernel !== this.name || state.phaseCount !== this.phaseCount) {
      throw new Error(`cannot restore a ${state.kernel} state of ${state.phaseCount} phases`);
    }
    const saved = state as ModuleKernelState;
    this.ex.restoreHistory(...saved.history); // grows the memory to hold the records first
    new Float64Array(this.ex.memory.buffer, this.ex.stateStart(), saved.doubles.length).set(saved.doubles);
  }
  runThermo(system: ThermoSystem): RunThermo {
    this.thermo.bind(system);
    return this.thermo;
  }
  runSteps(inputs: KernelRunInputs): KernelSteps {
    this.steps.bind(inputs);
    return this.steps;
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

/** A kernel over a new instance of the module, made by `instantiate` (one per target: wasm.ts, js.ts). */
export function createModuleKernel(
  name: KernelName,
  instantiate: (imports: KernelImports) => KernelExports,
): Kernel {
  return new ModuleKernel(name, instantiate);
}
