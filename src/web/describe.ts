// One-line descriptions of a job for the recent-jobs list: which alloy, which schedule, what peak. They
// read the request as it was submitted (any unit, any case of symbols) and the summary of its results.
import { formatNumber } from './dom.js';
import { UNIT_LABELS } from './form/units.js';
import type { CompositionUnit } from '../request/normalize.js';

interface SubmittedRequest {
  composition?: Record<string, unknown>;
  composition_unit?: CompositionUnit;
  temperature_profile?: { temperatures_celsius?: unknown[] };
  simulation_time_hours?: unknown;
}

const asNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : NaN);
const symbol = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).toLowerCase();

/** "Mg 0.72, Si 0.57 at.%" (the alloy in the unit it was given in). */
export function describeAlloy(request: unknown): string {
  const r = (request ?? {}) as SubmittedRequest;
  const parts = Object.entries(r.composition ?? {}).map(
    ([key, value]) => `${symbol(key)} ${formatNumber(asNumber(value), 3)}`,
  );
  if (parts.length === 0) return '–';
  return `${parts.join(', ')} ${UNIT_LABELS[r.composition_unit ?? 'mole_fraction'] ?? ''}`.trim();
}

/** "100 → 175 °C, 10.25 h": the temperatures in order (a hold counted once) and the time simulated. */
export function describeSchedule(request: unknown): string {
  const r = (request ?? {}) as SubmittedRequest;
  const temps = (r.temperature_profile?.temperatures_celsius ?? []).map(asNumber);
  const steps = temps.filter((c, i) => i === 0 || c !== temps[i - 1]).map((c) => formatNumber(c, 4));
  const hours = asNumber(r.simulation_time_hours);
  if (steps.length === 0) return '–';
  return `${steps.join(' → ')} °C, ${formatNumber(hours, 4)} h`;
}

interface PeakSummary {
  peak_yield_strength_mpa?: number;
  peak_yield_strength_time_hours?: number;
  /** h2's field: false when the maximum is at the end of the run. */
  peak_reached?: boolean;
}

/** "512 at 8 h" or "512 at 8 h (not reached)"; '' without a summary (job not completed). */
export function describePeak(summary: unknown): string {
  const s = (summary ?? {}) as PeakSummary;
  if (typeof s.peak_yield_strength_mpa !== 'number') return '';
  const at = formatNumber(asNumber(s.peak_yield_strength_time_hours), 3);
  const reached = s.peak_reached === false ? ' (not reached)' : '';
  return `${formatNumber(s.peak_yield_strength_mpa, 3)} at ${at} h${reached}`;
}
