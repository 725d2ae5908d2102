// The WebAssembly kernel's own step loop (assembly/run.ts) seen from the host: part of the one typed
// wrapper (wasm.ts builds it; nothing else touches the module). The host writes the run's constant inputs
// once, evaluates the T-only thermodynamics when the kernel calls back with a new temperature, and reads
// each recorded row through views made once.
import type { ThermoAtT } from '../thermo/index.js';
import type { KernelRunInputs, KernelSteps } from './types.js';
import type { WasmRunThermo } from './wasm-thermo.js';

export interface RunExports {
  memory: WebAssembly.Memory;
  runLimits(
    firstStepS: number,
    growthFactor: number,
    minFractionOfRun: number,
    rateDecades: number,
    minRate: number,
    maxNucleated: number,
    maxHeatingK: number,
    maxCriticalChange: number,
    maxVolumeChange: number,
    minNumberDensity: number,
  ): void;
  runProfilePoint(i: number, hours: number, kelvin: number): void;
  runInitialComposition(i: number, x: number): void;
  runCompound(p: number, i: number, x: number): void;
  runGibbs(p: number, gibbs: number): void;
  runRowPtr(): number;
  runLayout(slot: number): number;
  runBegin(points: number, endS: number, bulkSites: number): void;
  runResumeAt(stepIndex: number): void;
  runSetUp(): void;
  runChooseStep(): number;
  runFinishStep(dtS: number): void;
  runScalarsPtr(): number;
}

/** Slots of runLayout (assembly/run-inputs.ts). */
const enum Slot {
  MaxPhases,
  MaxProfilePoints,
  RowPhasesOffset,
}
/** src/engine/series.ts PHASE_QUANTITIES, the row's values per phase (run.ts record). */
const PHASE_QUANTITIES = 6;
/** The run's scalars (assembly/layout.ts R_*). */
const enum Scalar {
  TimeS,
  MaxStepS,
  StepIndex,
  Records,
  LastTimeS,
  LastTemperatureK,
}

export class WasmRunSteps implements KernelSteps {
  private inputs: KernelRunInputs | undefined;
  private scalars = new Float64Array(0);
  private solutes = new Float64Array(0);
  private phases = new Float64Array(0);
  private loaded: ThermoAtT | undefined;
  private readonly maxPhases: number;
  private readonly maxProfilePoints: number;
  private readonly rowPhasesOffset: number;

  constructor(
    private readonly ex: RunExports,
    private readonly thermo: WasmRunThermo,
  ) {
    this.maxPhases = ex.runLayout(Slot.MaxPhases);
    this.maxProfilePoints = ex.runLayout(Slot.MaxProfilePoints);
    this.rowPhasesOffset = ex.runLayout(Slot.RowPhasesOffset);
  }

  /** Takes a run whose inputs fit the kernel; false otherwise (the host's step is used). */
  bind(inputs: KernelRunInputs): boolean {
    if (inputs.chemistry !== this.thermo || inputs.compounds.length > this.maxPhases) return false;
    if (inputs.timePointsHours.length > this.maxProfilePoints) return false;
    this.inputs = inputs;
    this.scalars = new Float64Array(0);
    return true;
  }

  /** The kernel's callback (env.runTemperature): the coefficients and compounds' G at a new temperature. */
  temperature(temperatureK: number): void {
    const inputs = this.inputs;
    if (!inputs) throw new Error('the kernel asked for a temperature outside a run');
    const at = inputs.thermo.atTemperature(temperatureK);
    this.thermo.load(at);
    if (at === this.loaded) return;
    inputs.compounds.forEach((compound, p) => this.ex.runGibbs(p, at.gibbsOf(compound)));
    this.loaded = at;
  }

  /** Views over the memory, remade only when it has grown (a detached view has length 0: wasm.ts). */
  private views(): Float64Array {
    if (this.scalars.length !== 0) return this.scalars;
    const { buffer } = this.ex.memory;
    const phases = this.inputs?.compounds.length ?? 0;
    const elements = this.inputs?.x0.length ?? 1;
    const row = this.ex.runRowPtr();
    this.scalars = new Float64Array(buffer, this.ex.runScalarsPtr(), 6);
    this.solutes = new Float64Array(buffer, row, elements - 1);
    this.phases = new Float64Array(buffer, row + 8 * this.rowPhasesOffset, phases * PHASE_QUANTITIES);
    return this.scalars;
  }

  begin(): void {
    const r = this.inputs;
    if (!r) throw new Error('no run is bound to the kernel');
    const L = r.limits;
    const ex = this.ex;
    ex.runLimits(
      L.firstStepS,
      L.growthFactor,
      L.minFractionOfRun,
      L.maxNucleationRateChangeDecades,
      L.minNucleationRate,
      L.maxNucleatedPerStep,
      L.maxTemperatureChangeK,
      L.maxCriticalRadiusChange,
      L.maxVolumeChange,
      r.minNumberDensity,
    );
    r.timePointsHours.forEach((hours, i) => ex.runProfilePoint(i, hours, r.temperaturesK[i]));
    r.x0.forEach((x, i) => ex.runInitialComposition(i, x));
    r.compounds.forEach((c, p) => c.composition.forEach((x, i) => ex.runCompound(p, i, x)));
    ex.runBegin(r.timePointsHours.length, r.endS, r.bulkSitesPerM3);
    this.loaded = undefined;
    this.scalars = new Float64Array(0); // setup() laid the state out anew
  }
  setUp(): void {
    this.ex.runSetUp();
  }
  chooseStep(): number {
    return this.ex.runChooseStep();
  }
  finishStep(dtS: number): void {
    this.ex.runFinishStep(dtS);
  }
  resumeAt(stepIndex: number): void {
    this.ex.runResumeAt(stepIndex);
  }
  get timeS(): number {
    return this.views()[Scalar.TimeS];
  }
  get maxStepS(): number {
    return this.views()[Scalar.MaxStepS];
  }
  get stepIndex(): number {
    return this.views()[Scalar.StepIndex];
  }
  get records(): number {
    return this.views()[Scalar.Records];
  }
  get temperatureK(): number {
    return this.views()[Scalar.LastTemperatureK];
  }
  get soluteRow(): Float64Array {
    this.views();
    return this.solutes;
  }
  get phaseRow(): Float64Array {
    this.views();
    return this.phases;
  }
}
