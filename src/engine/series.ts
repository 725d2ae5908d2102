// The recorded time series of a run: one row per step plus the set-up row, in growable typed arrays.

export const PHASE_QUANTITIES = [
  'numberDensityPerM3',
  'meanRadiusM',
  'volumeFraction',
  'drivingForceJPerMol',
  'nucleationRatePerM3S',
  'criticalRadiusM',
  'radiusMomentPerM2',
  'radiusSquaredMomentPerM',
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
  /** M1 = Σ n·r of the distribution after the step's update (strength.md §1), 1/m². */
  radiusMomentPerM2: Float64Array;
  /** M2 = Σ n·r² of the distribution after the step's update, 1/m. */
  radiusSquaredMomentPerM: Float64Array;
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
  /**
   * Keeps at most `maxRows` rows (plus the latest): when full, every second row is dropped and from then
   * on only every 2ⁿ-th row is kept. Only what is recorded changes, never the run. Not with restore().
   */
  limitRows(maxRows: number): void;
}

/**
 * Rows a run keeps by default (~9 MB for five phases; 2× kawin's example 03). Result files of 50,000 rows
 * took a worker with two engine threads to a 960 MB peak, 32,768 rows to 720 MB: under 1 GiB.
 */
export const MAX_RECORDED_ROWS = 32_768;

/** Rows of a run's first block; each next block has twice the rows of the one before, up to MAX_BLOCK_ROWS. */
const FIRST_BLOCK_ROWS = 64;
const MAX_BLOCK_ROWS = 4096;

/**
 * Rows in blocks of columns that are never copied while the run goes on (column 0 time, 1 temperature,
 * then the solutes, then PHASE_QUANTITIES phase by phase); series() joins them once. Growing one set of
 * columns by doubling copied and zeroed ~12 MB over example 03's run, a fifth of the recording's cost in a
 * fresh browser worker (Chromium profile). The first block is small so that the path that adds a block
 * runs, and V8 sees it, in a run's first steps. A class so that its methods are shared by every run.
 */
class Recorder implements SeriesRecorder {
  private blocks: Float64Array[][] = [];
  private current: Float64Array[] = [];
  /** Rows filled in the current block, and in all. */
  private row = 0;
  private length = 0;
  private readonly columnCount: number;
  /** Values per phase in a kernel row, and how many of them (the first) are recorded. */
  private readonly rowStride = PHASE_QUANTITIES.length;
  /** Thinning: rows appended in all; only those whose index is a multiple of `stride` are kept. */
  private maxRows = Infinity;
  private stride = 1;
  private appended = 0;
  /** The latest row when it is not kept (the final state is always in the series). */
  private tail: Float64Array | undefined;
  private tailPending = false;

  constructor(
    private readonly soluteNames: string[],
    private readonly phaseNames: string[],
    private readonly recorded: number,
  ) {
    this.columnCount = 2 + soluteNames.length + phaseNames.length * recorded;
    this.addBlock(FIRST_BLOCK_ROWS);
  }

  private addBlock(rows: number): void {
    this.current = Array.from({ length: this.columnCount }, () => new Float64Array(rows));
    this.blocks.push(this.current);
    this.row = 0;
  }

  append(
    timeS: number,
    temperatureK: number,
    soluteValues: ArrayLike<number>,
    phaseValues: ArrayLike<number>,
  ): void {
    if (this.appended++ % this.stride !== 0)
      return this.toTail(timeS, temperatureK, soluteValues, phaseValues);
    this.tailPending = false;
    let columns = this.current;
    if (this.row === columns[0].length) {
      this.addBlock(Math.min(2 * columns[0].length, MAX_BLOCK_ROWS));
      columns = this.current;
    }
    const i = this.row;
    writeRow(
      columns,
      i,
      timeS,
      temperatureK,
      soluteValues,
      phaseValues,
      this.phaseNames.length,
      this.recorded,
    );
    this.row = i + 1;
    if (++this.length >= this.maxRows) this.thin();
  }

  limitRows(maxRows: number): void {
    this.maxRows = Math.max(2, maxRows);
    this.tail = new Float64Array(this.columnCount);
  }

  private toTail(timeS: number, temperatureK: number, solutes: ArrayLike<number>, phases: ArrayLike<number>) {
    const tail = this.tail as Float64Array;
    tail[0] = timeS;
    tail[1] = temperatureK;
    tail.set(solutes, 2);
    const q = this.recorded;
    for (let p = 0, c = 2 + solutes.length; p < this.phaseNames.length; p++)
      for (let k = 0; k < q; k++) tail[c++] = phases[p * this.rowStride + k];
    this.tailPending = true;
  }

  /** Keeps rows 0, 2, 4, … (appended rows 0, 2·stride, …) in one block; doubles the stride. */
  private thin(): void {
    const kept = Math.ceil(this.length / 2);
    const columns = Array.from({ length: this.columnCount }, (_, c) => {
      const all = this.joined(c);
      const half = new Float64Array(kept);
      for (let j = 0; j < kept; j++) half[j] = all[2 * j];
      // The latest row is dropped when its index is odd: it stays in the series as the tail.
      if (this.length % 2 === 0) (this.tail as Float64Array)[c] = all[this.length - 1];
      return half;
    });
    this.tailPending = this.length % 2 === 0;
    this.blocks = [columns];
    this.current = columns;
    this.row = kept;
    this.length = kept;
    this.stride *= 2;
  }

  restore(rows: EngineSeries, count: number): void {
    const sources = [
      rows.timeS,
      rows.temperatureK,
      ...this.soluteNames.map((name) => rows.matrixComposition[name]),
      ...rows.phases.flatMap((phase) => PHASE_QUANTITIES.slice(0, this.recorded).map((key) => phase[key])),
    ];
    // One block holding the restored rows and room for as many again (at least a first block's).
    this.blocks = [];
    this.addBlock(Math.max(2 * count, FIRST_BLOCK_ROWS));
    sources.forEach((source, c) => this.current[c].set(source.subarray(0, count)));
    this.row = count;
    this.length = count;
    this.appended = count;
    this.stride = 1;
    this.tailPending = false;
  }

  /** Column c of every row so far, as one array. */
  private joined(c: number): Float64Array {
    const out = new Float64Array(this.length + (this.tailPending ? 1 : 0));
    let at = 0;
    for (const block of this.blocks) {
      const rows = Math.min(block[c].length, this.length - at);
      out.set(rows === block[c].length ? block[c] : block[c].subarray(0, rows), at);
      at += rows;
    }
    if (this.tailPending) out[at] = (this.tail as Float64Array)[c];
    return out;
  }

  series(): EngineSeries {
    const length = this.length + (this.tailPending ? 1 : 0);
    return seriesOfColumns(this.soluteNames, this.phaseNames, this.recorded, length, (c) => this.joined(c));
  }
}

/**
 * Writes one row at index i of a recorder's columns: column 0 time, 1 temperature, then the solutes, then
 * the first `recorded` PHASE_QUANTITIES of each phase (`phases` holds all of them per phase, phase-major).
 */
export function writeRow(
  columns: Float64Array[],
  i: number,
  timeS: number,
  temperatureK: number,
  solutes: ArrayLike<number>,
  phases: ArrayLike<number>,
  phaseCount: number,
  recorded: number,
): void {
  columns[0][i] = timeS;
  columns[1][i] = temperatureK;
  const s = solutes.length;
  for (let k = 0; k < s; k++) columns[2 + k][i] = solutes[k];
  const stride = PHASE_QUANTITIES.length;
  for (let p = 0, c = 2 + s; p < phaseCount; p++)
    for (let k = 0; k < recorded; k++) columns[c++][i] = phases[p * stride + k];
}

/** The series of `length` rows whose column c (writeRow's order) is column(c); unrecorded quantities are zeros. */
export function seriesOfColumns(
  soluteNames: string[],
  phaseNames: string[],
  recorded: number,
  length: number,
  column: (c: number) => Float64Array,
): EngineSeries {
  const s = soluteNames.length;
  const zeros = recorded < PHASE_QUANTITIES.length ? new Float64Array(length) : undefined; // shared: read-only
  return {
    length,
    timeS: column(0),
    temperatureK: column(1),
    matrixComposition: Object.fromEntries(soluteNames.map((name, k) => [name, column(2 + k)])),
    phases: phaseNames.map((name, p) => {
      const entry = { name } as PhaseSeries;
      PHASE_QUANTITIES.forEach(
        (key, k) => (entry[key] = k < recorded ? column(2 + s + p * recorded + k) : (zeros as Float64Array)),
      );
      return entry;
    }),
  };
}

/** A recorder of the first `recorded` PHASE_QUANTITIES of each phase (all of them by default). */
export function createRecorder(
  soluteNames: string[],
  phaseNames: string[],
  recorded: number = PHASE_QUANTITIES.length,
): SeriesRecorder {
  return new Recorder(soluteNames, phaseNames, recorded);
}
