// Checkpoints: a run's whole state (the kernel's, and the number of recorded rows) just before it steps past
// each point of its temperature profile. A request that differs from that run only in the schedule after
// some point runs exactly as it did up to that point (a state at time t has read T only at step ends
// ≤ t), so it can start from the last checkpoint there: an engineer who edits the second ageing step
// waits for that step alone, with the same bits as a run from t = 0 (tests/engine/checkpoint.test.ts).
import type { KernelState } from '../kernel/types.js';
import type { SimulationRequest } from '../request/validate.js';
import type { RunState } from './run-state.js';
import type { EngineSeries } from './series.js';
import type { SizeDistributionSnapshot } from './size-distribution.js';

/**
 * A run's state: its time (s) and step counters as they were, and a copy of the kernel's state (the
 * kernel holds everything a step reads: distributions, matrix composition, last two records, kinetics).
 */
export interface Checkpoint extends Pick<RunState, 'timeS' | 'maxStepS' | 'stepIndex' | 'records'> {
  kernel: KernelState;
}

/** The checkpoints of one run, in time order, the request they belong to and its rows (as returned). */
export interface RunCheckpoints {
  request: SimulationRequest;
  list: Checkpoint[];
  /** The run's recorded series: its first `records` rows are those of each checkpoint. */
  series: EngineSeries;
  /** The size distributions the run took (a resumed run keeps those up to its start). */
  sizeDistributions?: SizeDistributionSnapshot[];
}

/** The state of `s` as it was before the step numbered `s.stepIndex` (which has only chosen its size). */
export function saveCheckpoint(s: RunState): Checkpoint {
  return {
    timeS: s.timeS,
    maxStepS: s.maxStepS,
    stepIndex: s.stepIndex - 1,
    records: s.records,
    kernel: s.kernel.saveState(),
  };
}

/**
 * Puts a checkpoint's state into a run set up for the same request (the kernel after its setup());
 * `series` holds its rows.
 */
export function restoreCheckpoint(s: RunState, c: Checkpoint, series: EngineSeries): void {
  s.timeS = c.timeS;
  s.maxStepS = c.maxStepS;
  s.stepIndex = c.stepIndex;
  s.records = c.records;
  s.kernel.restoreState(c.kernel);
  s.recorder.restore(series, c.records);
}

/** JSON with sorted keys: the same request gives the same text however its objects were built. */
export function requestKey(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Hours up to which `next` runs exactly as `previous` did: everything but the profile equal, and the
 * profiles' points equal up to there (T(t) then agrees for t ≤ that point). −Infinity: not even at 0.
 */
export function sameRunUntilHours(previous: SimulationRequest, next: SimulationRequest): number {
  const rest = (r: SimulationRequest) => requestKey({ ...r, temperature_profile: null });
  if (rest(previous) !== rest(next)) return -Infinity;
  const a = previous.temperature_profile;
  const b = next.temperature_profile;
  const points = Math.min(a.time_points_hours.length, b.time_points_hours.length);
  let same = 0;
  while (
    same < points &&
    a.time_points_hours[same] === b.time_points_hours[same] &&
    a.temperatures_celsius[same] === b.temperatures_celsius[same]
  ) {
    same++;
  }
  if (same === a.time_points_hours.length && same === b.time_points_hours.length) return Infinity;
  return same === 0 ? -Infinity : a.time_points_hours[same - 1];
}

/**
 * The checkpoints of `from` that `next` may use, oldest first (the last one is where it starts), with
 * their rows; undefined when none fits (a run from t = 0).
 */
export function usableCheckpoints(
  from: RunCheckpoints | undefined,
  next: SimulationRequest,
): RunCheckpoints | undefined {
  if (!from) return undefined;
  const untilHours = sameRunUntilHours(from.request, next);
  // The same comparison as temperatureAt's (hours from seconds): the state read T only where it agrees.
  const list = from.list.filter((c) => c.timeS / 3600 <= untilHours);
  return list.length > 0 ? { ...from, list } : undefined;
}

/** Where a run keeps checkpoints: before stepping past each profile point after its start. */
export interface CheckpointPlan {
  list: Checkpoint[];
  pointsS: number[];
  /** Time of the next point to checkpoint before, s (Infinity: none left, or not keeping any). */
  nextS: number;
}

/**
 * A plan from the profile's points (none: keep no checkpoints); `inherited` (a resumed run's start and
 * those before it) come first.
 */
export function checkpointPlan(
  timePointsHours: number[] | undefined,
  inherited: Checkpoint[],
  startS: number,
): CheckpointPlan {
  const pointsS = (timePointsHours ?? []).map((h) => h * 3600).filter((t) => t > startS);
  return { list: [...inherited], pointsS, nextS: pointsS[0] ?? Infinity };
}

/** Called when the step about to be taken (size dtS) passes the plan's next point. */
export function checkpointBeforeStep(s: RunState, plan: CheckpointPlan, dtS: number): void {
  const newest = plan.list[plan.list.length - 1];
  if (newest?.timeS !== s.timeS) plan.list.push(saveCheckpoint(s));
  const endS = s.timeS + dtS;
  while (plan.pointsS.length > 0 && plan.pointsS[0] < endS) plan.pointsS.shift();
  plan.nextS = plan.pointsS[0] ?? Infinity;
}
