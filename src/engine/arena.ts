// Memory reused by the runs that one thread makes one after another (the service's engine thread): the
// recorder writes its columns into the arena's arrays instead of into fresh blocks that series() then joins,
// strength writes its columns into the arena's too, and the run data file is assembled in its scratch. A run
// of the seed request otherwise allocates ~20 MB of ArrayBuffers outside V8's heap: about one scavenge per run
// for "external memory pressure", the helper threads' freeing of those buffers, and page faults of fresh
// memory (bench/README.md, issue 17 round 5). Opt-in: without an arena a run allocates its own arrays.
import type { ColumnAllocator } from '../kernel/types.js';

/**
 * Reusable columns for runs with `simulate(request, deps, { arena })`.
 *
 * Contract: the Float64Arrays and Uint8Arrays of a result made with an arena (its series' columns and its
 * strength's columns) are views of the arena's memory. They are valid until the next run with the same
 * arena starts, which overwrites them; copy what must outlive it. The rest of a result (summary, size
 * distributions, steps, timing) is the run's own and stays. Runs with one arena must not overlap: a run
 * that starts while another holds the arena throws.
 */
export class RunArena implements ColumnAllocator {
  /** The recorder's columns, each of `recorderRows` doubles. */
  private recorder: Float64Array[] = [];
  private recorderRows = 0;
  /** Other columns of the current run (strength), handed out in order and reused by the next run. */
  private floats: Float64Array[] = [];
  private bytes: Uint8Array[] = [];
  private nextFloat = 0;
  private nextByte = 0;
  private scratch = new Uint8Array(0);
  private busy = false;
  /** Runs started with this arena so far. */
  runs = 0;

  /** Takes the arena for a run: what the previous run's result holds of it is overwritten from now on. */
  begin(): void {
    if (this.busy)
      throw new Error('a run is already using this arena (runs with one arena must not overlap)');
    this.busy = true;
    this.runs++;
    this.nextFloat = 0;
    this.nextByte = 0;
  }

  /** The run is over: its result stays valid until the next begin(). */
  end(): void {
    this.busy = false;
  }

  /** `count` columns of at least `rows` doubles for the recorder (grown, never shrunk; not zeroed). */
  recorderColumns(count: number, rows: number): Float64Array[] {
    if (rows > this.recorderRows) {
      this.recorder = [];
      this.recorderRows = rows;
    }
    while (this.recorder.length < count) this.recorder.push(new Float64Array(this.recorderRows));
    return this.recorder.slice(0, count);
  }

  /** The run's next column of `n` doubles, zeroed (a view of the arena: see the class's contract). */
  float64(n: number): Float64Array {
    return zeroedView(this.floats, this.nextFloat++, n, (size) => new Float64Array(size));
  }

  /**
   * `n` bytes of scratch, not zeroed, the same memory for every call: valid until the next call (the
   * uncompressed run data file of the run, output/run-data.ts).
   */
  scratchBytes(n: number): Uint8Array {
    if (this.scratch.length < n) this.scratch = new Uint8Array(n + (n >> 2));
    return this.scratch.subarray(0, n);
  }

  /** The run's next column of `n` bytes, zeroed. */
  uint8(n: number): Uint8Array {
    return zeroedView(this.bytes, this.nextByte++, n, (size) => new Uint8Array(size));
  }
}

/**
 * Slot k of `pool` as a zeroed view of n elements; a slot too small gets an array of the next power of two
 * (a run records at most MAX_RECORDED_ROWS rows, so the slots settle after a few runs).
 */
function zeroedView<T extends Float64Array | Uint8Array>(
  pool: T[],
  k: number,
  n: number,
  make: (size: number) => T,
): T {
  if (k === pool.length || pool[k].length < n) {
    let size = 1;
    while (size < n) size *= 2;
    pool[k] = make(size);
  }
  const view = pool[k].subarray(0, n) as T;
  view.fill(0);
  return view;
}
