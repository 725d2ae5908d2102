// The map's sweep: the current alloy and its settings (the form's request) at each temperature of the
// chosen range, isothermal for the chosen time span: one run per temperature gives the whole time axis.
// The document is the shared sweep document (src/request/sweep-schema.ts), with the temperatures listed,
// so that the server runs exactly the page's runs; each run's request is made with the same JSON
// pointers and validated as the server validates it.
import { setPointer } from '../../request/pointer.js';
import { validateRequest, type SimulationRequest, type ValidationIssue } from '../../request/validate.js';

export const TEMPERATURE_POINTER = '/isothermal_temperature_celsius';
const HOURS_POINTER = '/simulation_time_hours';

export interface MapSettings {
  fromCelsius: number;
  toCelsius: number;
  count: number;
  hours: number;
}

/** The issue's default map: 30 temperatures 140–260 °C, 100 h each. */
export const DEFAULT_MAP: MapSettings = { fromCelsius: 140, toCelsius: 260, count: 30, hours: 100 };

export interface MapRun {
  index: number;
  temperatureCelsius: number;
  request: SimulationRequest;
}

export interface MapPlan {
  document: { base: unknown; axes: { name: string; path: string; values: number[] }[] };
  runs: MapRun[];
}

/** Evenly spaced temperatures, both ends exact, rounded to 0.01 °C (what a person would type). */
export function temperaturesOf(s: MapSettings): number[] {
  if (s.count === 1) return [s.fromCelsius];
  return Array.from(
    { length: s.count },
    (_, i) => Math.round((s.fromCelsius + ((s.toCelsius - s.fromCelsius) * i) / (s.count - 1)) * 100) / 100,
  );
}

export type PlanResult = { ok: true; plan: MapPlan } | { ok: false; issues: ValidationIssue[] };

export function planMap(body: unknown, settings: MapSettings, maxHours: number): PlanResult {
  const values = temperaturesOf(settings);
  const base = structuredClone(body) as object;
  setPointer(base, HOURS_POINTER, settings.hours);
  const runs: MapRun[] = [];
  for (const [index, celsius] of values.entries()) {
    const request = structuredClone(base);
    setPointer(request, TEMPERATURE_POINTER, celsius);
    const checked = validateRequest(request, { maxSimulationHours: maxHours });
    if (!checked.ok)
      return {
        ok: false,
        issues: checked.issues.map((i) => ({ ...i, message: `at ${celsius} °C: ${i.message}` })),
      };
    runs.push({ index, temperatureCelsius: celsius, request: checked.request });
  }
  const axes = [{ name: 'temperature_celsius', path: TEMPERATURE_POINTER, values }];
  return { ok: true, plan: { document: { base, axes }, runs } };
}
