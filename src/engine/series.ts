// The recorded time series of a run: one row per step plus the set-up row, in growable typed arrays.

export const PHASE_QUANTITIES = [
  'numberDensityPerM3',
  'meanRadiusM',
  'volumeFraction',
  'drivingForceJPerMol',
  'nucleationRatePerM3S',
  'criticalRadiusM',
] as const;
export type PhaseQuantity = (typeof PHASE_QUANTITIES)[number];

export interface PhaseSeries {
  name: string;
  numberDensityPerM3: Float64Array;
  meanRadiusM: Float64Array;
  volumeFraction: Float64Array;
  drivingForceJPerMol: Float64Array;
  nucleationRatePerM3S: Float64Array;
  criticalRadiusM: Float64Array;
}

export interface EngineSeries {
  /** Number of rows (steps + 1). */
  length: number;
  timeS: Float64Array;
  temperatureK: Float64Array;
  /** Matrix mole fraction of each solute, by element symbol. */
  matrixComposition: Record<string, Float64Array>;
  phases: PhaseSeries[];
}

export interface SeriesRecorder {
  series(): EngineSeries;
  /** Appends a row; `phaseValues` holds PHASE_QUANTITIES per phase, phase-major. */
  append(
    timeS: number,
    temperatureK: number,
    solutes: ArrayLike<number>,
    phaseValues: ArrayLike<number>,
  ): void;
  /** Replaces every row with the first `count` rows of `rows` (left untouched). */
  restore(rows: EngineSeries, count: number): void;
}

/** A copy of `a` in a column of `capacity` rows. */
function withCapacity(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

/** Growable columns; a class so that its methods are shared by every run (keeps V8's call sites monomorphic). */
class Recorder implements SeriesRecorder {
  private capacity: number;
  private length = 0;
  private time: Float64Array;
  private temperature: Float64Array;
  private solutes: Float64Array[];
  private phases: Float64Array[][];

  constructor(
    private readonly soluteNames: string[],
    private readonly phaseNames: string[],
    initialCapacity: number,
  ) {
    this.capacity = initialCapacity;
    this.time = new Float64Array(initialCapacity);
    this.temperature = new Float64Array(initialCapacity);
    this.solutes = soluteNames.map(() => new Float64Array(initialCapacity));
    this.phases = phaseNames.map(() => PHASE_QUANTITIES.map(() => new Float64Array(initialCapacity)));
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = (a: Float64Array) => withCapacity(a, this.capacity);
    this.time = grown(this.time);
    this.temperature = grown(this.temperature);
    this.solutes = this.solutes.map(grown);
    this.phases = this.phases.map((arrays) => arrays.map(grown));
  }

  append(
    timeS: number,
    temperatureK: number,
    soluteValues: ArrayLike<number>,
    phaseValues: ArrayLike<number>,
  ): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length;
    const q = PHASE_QUANTITIES.length;
    this.time[i] = timeS;
    this.temperature[i] = temperatureK;
    for (let s = 0; s < this.solutes.length; s++) this.solutes[s][i] = soluteValues[s];
    for (let p = 0; p < this.phases.length; p++) {
      const columns = this.phases[p];
      for (let k = 0; k < q; k++) columns[k][i] = phaseValues[p * q + k];
    }
    this.length = i + 1;
  }

  restore(rows: EngineSeries, count: number): void {
    while (this.capacity < count) this.capacity *= 2;
    const column = (a: Float64Array) => withCapacity(a.subarray(0, count), this.capacity);
    this.time = column(rows.timeS);
    this.temperature = column(rows.temperatureK);
    this.solutes = this.soluteNames.map((name) => column(rows.matrixComposition[name]));
    this.phases = rows.phases.map((phase) => PHASE_QUANTITIES.map((key) => column(phase[key])));
    this.length = count;
  }

  series(): EngineSeries {
    const n = this.length;
    const cut = (a: Float64Array) => a.slice(0, n);
    return {
      length: n,
      timeS: cut(this.time),
      temperatureK: cut(this.temperature),
      matrixComposition: Object.fromEntries(this.soluteNames.map((name, s) => [name, cut(this.solutes[s])])),
      phases: this.phaseNames.map((name, p) => {
        const entry = { name } as PhaseSeries;
        PHASE_QUANTITIES.forEach((key, k) => (entry[key] = cut(this.phases[p][k])));
        return entry;
      }),
    };
  }
}

/**
 * Starts small so that the growth path runs, and V8 sees it, in a run's first steps: a first growth at
 * 4,096 rows came after `record` was optimized and threw that code away mid-run. Doubling from 64 costs
 * a few copies of a few hundred kilobytes in all.
 */
export function createRecorder(
  soluteNames: string[],
  phaseNames: string[],
  initialCapacity = 64,
): SeriesRecorder {
  return new Recorder(soluteNames, phaseNames, initialCapacity);
}
