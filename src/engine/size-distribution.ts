// Particle size distributions (PSDs) at chosen times of a run: copies of each phase's size grid and number
// densities as the kernel holds them (kwn.md §6: n_i is the number density in bin i, m⁻³, over a grid of
// bounds), read at the first recorded state at or after each chosen time and at the end. Reading copies the
// kernel's memory and changes nothing of the run: its steps and numbers stay those of a run without them.
import type { Kernel } from '../kernel/types.js';

export interface PhaseSizeDistribution {
  name: string;
  /** Bin bounds, m (bins + 1 values). */
  boundsM: Float64Array;
  /** Number density in each bin, m⁻³ (bins values). */
  numberDensityPerM3: Float64Array;
}

export interface SizeDistributionSnapshot {
  /** The time asked for, h; null for the final state that every run reports. */
  requestedTimeHours: number | null;
  /** Simulated time of the state, s: the first recorded state at or after the time asked for. */
  timeS: number;
  temperatureK: number;
  /** Whether this is the run's last state (a chosen time at the end of the run is also the final one). */
  final: boolean;
  phases: PhaseSizeDistribution[];
}

/** Takes the snapshots of one run; the run calls `afterRecord` after each recorded row. */
export class SizeDistributionRecorder {
  readonly snapshots: SizeDistributionSnapshot[];
  private readonly pendingHours: number[];
  /** Time of the next snapshot due, s (Infinity: none left). */
  nextS: number;

  /**
   * `timesHours` sorted ascending; `inherited` are a resumed run's snapshots taken before it started
   * (their times are skipped here).
   */
  constructor(
    private readonly kernel: Kernel,
    private readonly phaseNames: readonly string[],
    timesHours: readonly number[],
    inherited: readonly SizeDistributionSnapshot[] = [],
  ) {
    this.snapshots = inherited
      .filter((s) => s.requestedTimeHours !== null)
      .map((s) => ({ ...s, final: false }));
    const taken = new Set(this.snapshots.map((s) => s.requestedTimeHours));
    this.pendingHours = timesHours.filter((h) => !taken.has(h));
    this.nextS = this.dueS();
  }

  private dueS(): number {
    return this.pendingHours.length > 0 ? this.pendingHours[0] * 3600 : Infinity;
  }

  private capture(requestedTimeHours: number | null, timeS: number, temperatureK: number, final: boolean) {
    const phases = this.phaseNames.map((name, p) => ({
      name,
      boundsM: this.kernel.bounds(p),
      numberDensityPerM3: this.kernel.psd(p),
    }));
    return { requestedTimeHours, timeS, temperatureK, final, phases };
  }

  /** Called with the time (s) and temperature (K) of the row just recorded. */
  afterRecord(timeS: number, temperatureK: number): void {
    let shared: SizeDistributionSnapshot | undefined;
    while (this.pendingHours.length > 0 && this.pendingHours[0] * 3600 <= timeS) {
      const hours = this.pendingHours.shift()!;
      // Several chosen times within one step share its state (one copy of the grid).
      shared = shared
        ? { ...shared, requestedTimeHours: hours }
        : this.capture(hours, timeS, temperatureK, false);
      this.snapshots.push(shared);
    }
    this.nextS = this.dueS();
  }

  /** The snapshots with the final state last (marking a snapshot of that same state final instead). */
  finish(timeS: number, temperatureK: number): SizeDistributionSnapshot[] {
    const last = this.snapshots[this.snapshots.length - 1];
    if (last?.timeS === timeS) return this.snapshots.map((s) => ({ ...s, final: s.timeS === timeS }));
    return [...this.snapshots, this.capture(null, timeS, temperatureK, true)];
  }
}
