// The kernel's step loop (assembly/run.ts) seen from the host: part of the one typed wrapper
// (instance.ts builds it; nothing else touches the module). The host writes the run's constant inputs
// once, evaluates the T-only thermodynamics when the kernel calls back with a new temperature, and reads
// each recorded row through views made once.
import type { ThermoAtT } from '../thermo/index.js';
import type { KernelRunInputs, KernelSteps } from './types.js';
import type { KernelExports, KernelLayout } from '../thermo/module/exports.js';
import type { ModuleRunThermo } from '../thermo/module/chemistry.js';

export class ModuleRunSteps implements KernelSteps {
  private inputs: KernelRunInputs | undefined;
  private scalars = new Float64Array(0);
  private solutes = new Float64Array(0);
  private phases = new Float64Array(0);
  private loaded: ThermoAtT | undefined;
  // The run's scalars' offsets, as fields: read every step, they stay in the object's own fast slots.
  private readonly timeSlot: number;
  private readonly maxStepSlot: number;
  private readonly stepIndexSlot: number;
  private readonly recordsSlot: number;
  private readonly temperatureSlot: number;

  constructor(
    private readonly ex: KernelExports,
    private readonly layout: KernelLayout,
    private readonly thermo: ModuleRunThermo,
  ) {
    this.timeSlot = layout.RUN_TIME;
    this.maxStepSlot = layout.RUN_MAX_STEP;
    this.stepIndexSlot = layout.RUN_STEP_INDEX;
    this.recordsSlot = layout.RUN_RECORDS;
    this.temperatureSlot = layout.RUN_LAST_TEMPERATURE;
  }

  /** Takes a run; throws when its inputs exceed the kernel's capacity. */
  bind(inputs: KernelRunInputs): void {
    const { MAX_RUN_PHASES, MAX_PROFILE_POINTS } = this.layout;
    if (inputs.chemistry !== this.thermo) throw new Error("a run's chemistry must be its kernel's own");
    if (inputs.compounds.length > MAX_RUN_PHASES) {
      throw new Error(`${inputs.compounds.length} phases; the kernel takes at most ${MAX_RUN_PHASES}`);
    }
    if (inputs.timePointsHours.length > MAX_PROFILE_POINTS) {
      throw new Error(
        `${inputs.timePointsHours.length} profile points; the kernel takes at most ${MAX_PROFILE_POINTS}`,
      );
    }
    this.inputs = inputs;
    this.scalars = new Float64Array(0);
  }

  /** Values the kernel records per phase in a row (the engine's PHASE_QUANTITIES). */
  get phaseQuantities(): number {
    return this.layout.ROW_PHASE_QUANTITIES;
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

  /** Views over the memory, remade only when it has grown (a detached view has length 0: instance.ts). */
  private views(): Float64Array {
    if (this.scalars.length !== 0) return this.scalars;
    const { buffer } = this.ex.memory;
    const phases = this.inputs?.compounds.length ?? 0;
    const elements = this.inputs?.x0.length ?? 1;
    const row = this.ex.runRowPtr();
    const L = this.layout;
    this.scalars = new Float64Array(
      buffer,
      this.ex.runScalarsPtr(),
      Math.max(L.RUN_TIME, L.RUN_MAX_STEP, L.RUN_STEP_INDEX, L.RUN_RECORDS, L.RUN_LAST_TEMPERATURE) + 1,
    );
    this.solutes = new Float64Array(buffer, row, elements - 1);
    this.phases = new Float64Array(buffer, row + 8 * L.ROW_PHASES_OFFSET, phases * L.ROW_PHASE_QUANTITIES);
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
    return this.views()[this.timeSlot];
  }
  get maxStepS(): number {
    return this.views()[this.maxStepSlot];
  }
  get stepIndex(): number {
    return this.views()[this.stepIndexSlot];
  }
  get records(): number {
    return this.views()[this.recordsSlot];
  }
  get temperatureK(): number {
    return this.views()[this.temperatureSlot];
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
