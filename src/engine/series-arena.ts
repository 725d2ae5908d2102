// The recorder of a run with a RunArena (arena.ts): the same rows as series.ts's Recorder with a row limit,
// written straight into the arena's columns (capacity: the limit), thinned in place, the unkept latest row
// (the tail) held in the row after the kept ones; series() returns views of the columns, no join. Only for
// runs with a row limit and without checkpoints (runEngine passes the arena only then).
import type { RunArena } from './arena.js';
import {
  PHASE_QUANTITIES,
  seriesOfColumns,
  writeRow,
  type EngineSeries,
  type SeriesRecorder,
} from './series.js';

class ArenaRecorder implements SeriesRecorder {
  private columns: Float64Array[] = [];
  private readonly columnCount: number;
  /** Kept rows (0 … length-1), the row limit, and thinning's stride over appended rows. */
  private length = 0;
  private maxRows = 0;
  private stride = 1;
  private appended = 0;
  /** The latest row is not kept: it is row `length` of the columns until the next kept row overwrites it. */
  private tailPending = false;

  constructor(
    private readonly arena: RunArena,
    private readonly soluteNames: string[],
    private readonly phaseNames: string[],
    private readonly recorded: number,
  ) {
    this.columnCount = 2 + soluteNames.length + phaseNames.length * recorded;
  }

  /** Must come before the first row: the columns are the arena's, `maxRows` long. */
  limitRows(maxRows: number): void {
    if (!Number.isFinite(maxRows)) throw new Error('a run with an arena needs a finite row limit');
    this.maxRows = Math.max(2, maxRows);
    this.columns = this.arena.recorderColumns(this.columnCount, this.maxRows);
  }

  append(
    timeS: number,
    temperatureK: number,
    soluteValues: ArrayLike<number>,
    phaseValues: ArrayLike<number>,
  ): void {
    const kept = this.appended++ % this.stride === 0;
    const columns = this.columns;
    if (columns.length === 0) throw new Error('limitRows() must come before the first row of an arena run');
    const phaseCount = this.phaseNames.length;
    writeRow(columns, this.length, timeS, temperatureK, soluteValues, phaseValues, phaseCount, this.recorded);
    this.tailPending = !kept;
    if (kept && ++this.length >= this.maxRows) this.thin();
  }

  /** Keeps rows 0, 2, 4, … in place; an even count's latest row becomes the tail. Doubles the stride. */
  private thin(): void {
    const kept = Math.ceil(this.length / 2);
    const last = this.length - 1;
    for (const column of this.columns) {
      for (let j = 1; j < kept; j++) column[j] = column[2 * j];
      // Row `last` (≥ kept) is still unread by the loop above; as the tail it goes to row `kept`.
      if (this.length % 2 === 0) column[kept] = column[last];
    }
    this.tailPending = this.length % 2 === 0;
    this.length = kept;
    this.stride *= 2;
  }

  restore(): void {
    throw new Error('a run with an arena does not resume from checkpoints');
  }

  series(): EngineSeries {
    const length = this.length + (this.tailPending ? 1 : 0);
    const view = (c: number) => this.columns[c].subarray(0, length);
    return seriesOfColumns(this.soluteNames, this.phaseNames, this.recorded, length, view);
  }
}

/** A recorder into `arena`'s columns (see ArenaRecorder); limitRows() before the first row. */
export function createArenaRecorder(
  arena: RunArena,
  soluteNames: string[],
  phaseNames: string[],
  recorded: number = PHASE_QUANTITIES.length,
): SeriesRecorder {
  return new ArenaRecorder(arena, soluteNames, phaseNames, recorded);
}
