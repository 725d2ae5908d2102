// Size distributions of a run as stored (SI, in the run data's header), as JSON (results.json's
// "size_distributions" and size_distributions.json) and as a tidy CSV (size_distributions.csv): per chosen
// time and per phase, the number density in each size bin against its radius in nm. Isomorphic.
import type { SizeDistributionSnapshot } from '../engine/index.js';
import { tidyNumber } from './numbers.js';

/** A snapshot as the run data stores it: plain JSON, SI units, every double exact. */
export interface StoredSizeDistribution {
  requested_time_hours: number | null;
  time_s: number;
  temperature_k: number;
  final: boolean;
  phases: { name: string; bounds_m: number[]; number_density_per_m3: number[] }[];
}

/** One phase's distribution at one time, as results.json and size_distributions.json write it. */
export interface SizeDistributionJsonPhase {
  /** Bin centres, nm. */
  radius_nm: number[];
  /** Bin bounds, nm (one more than the bins). */
  bin_edges_nm: number[];
  /** Number density in each bin, m⁻³ (not per nm). */
  number_density_per_m3: number[];
  /** Sum over the bins, m⁻³. */
  total_number_density_per_m3: number;
}

export interface SizeDistributionJson {
  /** The time asked for, h; null for the final state. */
  requested_time_hours: number | null;
  /** Time of the state shown, h: the first recorded state at or after the time asked for. */
  time_hours: number;
  temperature_c: number;
  final: boolean;
  phases: Record<string, SizeDistributionJsonPhase>;
}

export function storeSizeDistributions(snapshots: SizeDistributionSnapshot[]): StoredSizeDistribution[] {
  return snapshots.map((s) => ({
    requested_time_hours: s.requestedTimeHours,
    time_s: s.timeS,
    temperature_k: s.temperatureK,
    final: s.final,
    phases: s.phases.map((p) => ({
      name: p.name,
      bounds_m: [...p.boundsM],
      number_density_per_m3: [...p.numberDensityPerM3],
    })),
  }));
}

export function restoreSizeDistributions(stored: StoredSizeDistribution[] = []): SizeDistributionSnapshot[] {
  return stored.map((s) => ({
    requestedTimeHours: s.requested_time_hours,
    timeS: s.time_s,
    temperatureK: s.temperature_k,
    final: s.final,
    phases: s.phases.map((p) => ({
      name: p.name,
      boundsM: Float64Array.from(p.bounds_m),
      numberDensityPerM3: Float64Array.from(p.number_density_per_m3),
    })),
  }));
}

/** Radius in nm from m, without the binary noise of the conversion (0.3 nm, not 0.30000000000000004). */
export const nanometres = (radiusM: number) => Number((radiusM * 1e9).toPrecision(12));

function phaseJson(boundsM: ArrayLike<number>, densityPerM3: ArrayLike<number>): SizeDistributionJsonPhase {
  const edges = Array.from(boundsM, nanometres);
  const density = Array.from(densityPerM3, tidyNumber);
  return {
    radius_nm: density.map((_, i) => Number(((edges[i] + edges[i + 1]) / 2).toPrecision(12))),
    bin_edges_nm: edges,
    number_density_per_m3: density,
    total_number_density_per_m3: density.reduce((a, b) => a + b, 0),
  };
}

export function sizeDistributionsJson(snapshots: SizeDistributionSnapshot[]): SizeDistributionJson[] {
  return snapshots.map((s) => ({
    requested_time_hours: s.requestedTimeHours,
    time_hours: s.timeS / 3600,
    temperature_c: Number((s.temperatureK - 273.15).toPrecision(12)),
    final: s.final,
    phases: Object.fromEntries(s.phases.map((p) => [p.name, phaseJson(p.boundsM, p.numberDensityPerM3)])),
  }));
}

/** The JSON array with each array of numbers on one line (pretty otherwise), indented by `indent`. */
export function sizeDistributionsJsonText(snapshots: SizeDistributionSnapshot[], indent = ''): string {
  const pad = (depth: number) => indent + '  '.repeat(depth);
  const entries = sizeDistributionsJson(snapshots).map((s) => {
    const { phases, ...head } = s;
    const lines = Object.entries(head).map(([k, v]) => `${pad(2)}${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    const phaseLines = Object.entries(phases).map(([name, p]) => {
      const fields = Object.entries(p).map(([k, v]) => `${pad(4)}${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      return `${pad(3)}${JSON.stringify(name)}: {\n${fields.join(',\n')}\n${pad(3)}}`;
    });
    lines.push(`${pad(2)}"phases": {\n${phaseLines.join(',\n')}\n${pad(2)}}`);
    return `${pad(1)}{\n${lines.join(',\n')}\n${pad(1)}}`;
  });
  return entries.length > 0 ? `[\n${entries.join(',\n')}\n${pad(0)}]` : '[]';
}

export const SIZE_DISTRIBUTION_CSV_HEADER =
  'time_h,requested_time_h,final,temperature_c,phase,bin,radius_lower_nm,radius_nm,radius_upper_nm,number_density_per_m3';

/** size_distributions.csv: one row per time, phase and size bin (tidy: one observation a row). */
export function* sizeDistributionsCsvPieces(snapshots: SizeDistributionSnapshot[]): Generator<string> {
  yield `${SIZE_DISTRIBUTION_CSV_HEADER}\n`;
  for (const s of sizeDistributionsJson(snapshots)) {
    const head = `${s.time_hours},${s.requested_time_hours ?? ''},${s.final},${s.temperature_c}`;
    let piece = '';
    for (const [name, p] of Object.entries(s.phases)) {
      p.number_density_per_m3.forEach((n, i) => {
        const bin = `${i},${p.bin_edges_nm[i]},${p.radius_nm[i]},${p.bin_edges_nm[i + 1]},${n}`;
        piece += `${head},${name},${bin}\n`;
      });
    }
    yield piece;
  }
}
