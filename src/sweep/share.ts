// Runs of a sweep that share the start of their schedule share its computation: each starts from the
// checkpoint of an earlier run of its group (src/engine/checkpoint.ts). A first step of 2, 4, 6 or 8 h
// at one temperature is the same run for the first 2, 4 or 6 h, but the checkpoints sit at profile
// points, so each run's flat segments get the group's other time points added: a point on a flat
// segment does not change a run's bits (the kernel's temperatureAt gives T₀ + 0·Δt there exactly).
import { requestKey, sameRunUntilHours } from '../engine/checkpoint.js';
import type { SimulationRequest } from '../request/validate.js';

export interface SharePlan {
  /** Requests to run, by run index (a run absent here runs its own request). */
  requests: Map<number, SimulationRequest>;
  /** Groups of run indices, each run by one thread in this order. */
  groups: number[][];
}

interface Run {
  index: number;
  request: SimulationRequest;
}

/** Longest chain of runs one thread takes (each keeps its checkpoints until the chain ends). */
export const MAX_SHARE_GROUP = 12;

const groupKey = (r: SimulationRequest) => {
  const p = r.temperature_profile;
  return `${requestKey({ ...r, temperature_profile: null })}|${p.time_points_hours[0]}|${p.temperatures_celsius[0]}`;
};

/** `request` with `hours` added where its profile is flat (inside flat segments or after the last point). */
export function withFlatPoints(request: SimulationRequest, hours: number[]): SimulationRequest {
  const { time_points_hours: t, temperatures_celsius: c } = request.temperature_profile;
  const times: number[] = [];
  const temps: number[] = [];
  const add = (h: number, celsius: number) => {
    times.push(h);
    temps.push(celsius);
  };
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  for (let j = 0; j < t.length; j++) {
    add(t[j], c[j]);
    const next = j + 1 < t.length ? t[j + 1] : request.simulation_time_hours;
    const flat = j + 1 >= t.length || c[j + 1] === c[j];
    if (flat) for (const h of sorted) if (h > t[j] && h < next) add(h, c[j]);
  }
  return { ...request, temperature_profile: { time_points_hours: times, temperatures_celsius: temps } };
}

/** Hours the first temperature is held (the longest first: the others resume from its checkpoints). */
function firstHoldHours(r: SimulationRequest): number {
  const { time_points_hours: t, temperatures_celsius: c } = r.temperature_profile;
  const leaves = c.findIndex((x) => x !== c[0]);
  return leaves < 0 ? r.simulation_time_hours : t[leaves - 1];
}

function plannedGroup(members: Run[], plan: SharePlan): void {
  const hours = members.flatMap((m) => m.request.temperature_profile.time_points_hours);
  const augmented = members
    .map((m) => ({ index: m.index, request: withFlatPoints(m.request, hours) }))
    .sort((a, b) => firstHoldHours(b.request) - firstHoldHours(a.request) || a.index - b.index);
  let chain: Run[] = [];
  const close = () => {
    if (chain.length > 1) {
      plan.groups.push(chain.map((m) => m.index));
      for (const m of chain) plan.requests.set(m.index, m.request);
    }
    chain = [];
  };
  for (const run of augmented) {
    const shares = chain.length > 0 && sameRunUntilHours(chain[0].request, run.request) > 0;
    if (!shares || chain.length >= MAX_SHARE_GROUP) close();
    chain.push(run);
  }
  close();
}

/** Groups the runs that can share computation; the rest run alone. */
export function planSharing(runs: Run[]): SharePlan {
  const plan: SharePlan = { requests: new Map(), groups: [] };
  const byKey = new Map<string, Run[]>();
  for (const run of runs) {
    const key = groupKey(run.request);
    byKey.set(key, [...(byKey.get(key) ?? []), run]);
  }
  for (const members of byKey.values()) if (members.length > 1) plannedGroup(members, plan);
  return plan;
}
