// The page's preset schedules (the menu above the form) and the one it opens with: a T6 at 175 °C. Also
// read by the preview worker, which starts the page's first request while the page loads.
import { EXAMPLE_REQUEST, KAWIN_EXAMPLE_03 } from '../../request/defaults.js';
import type { RawRequest } from '../../request/normalize.js';

export interface Preset {
  name: string;
  label: string;
  body: RawRequest;
}

/** Al-0.72Mg-0.57Si at.% (kawin's alloy), written as a metallurgist reads it. */
const ALLOY_AT_PCT = { composition: { MG: 0.72, SI: 0.57 }, composition_unit: 'atomic_percent' as const };

/** Held at `celsius` from t = 0 for `hours`. */
const isothermal = (celsius: number, hours: number): RawRequest => ({
  ...ALLOY_AT_PCT,
  temperature_profile: { time_points_hours: [0, hours], temperatures_celsius: [celsius, celsius] },
  simulation_time_hours: hours,
});

/** `firstHours` at `firstCelsius`, heated in 15 min to 175 °C and held 8 h there. */
const twoStep = (firstCelsius: number, firstHours: number): RawRequest => ({
  ...ALLOY_AT_PCT,
  temperature_profile: {
    time_points_hours: [0, firstHours, firstHours + 0.25, firstHours + 8.25],
    temperatures_celsius: [firstCelsius, firstCelsius, 175, 175],
  },
  simulation_time_hours: firstHours + 8.25,
});

export const PRESETS: Preset[] = [
  { name: 't6-175', label: 'T6: 175 °C, 8 h', body: isothermal(175, 8) },
  { name: 't6-160', label: 'T6: 160 °C, 12 h', body: isothermal(160, 12) },
  {
    name: 'natural-artificial',
    label: 'Natural ageing (25 °C, 24 h) + 175 °C, 8 h',
    body: twoStep(25, 24),
  },
  { name: 'two-step', label: 'Two-step: 100 °C, 2 h → 175 °C, 8 h', body: twoStep(100, 2) },
  { name: 'kawin03', label: 'kawin example 03: 175 °C, 16 h → 250 °C', body: KAWIN_EXAMPLE_03 },
  { name: 'seed', label: 'Seed example: 199 °C → 200 °C, 25 h', body: EXAMPLE_REQUEST as RawRequest },
];

export const DEFAULT_PRESET = 't6-175';

/** The preset a page address names (`?example=kawin03`), else the default. */
export function presetFromSearch(search: string): Preset {
  const name = new URLSearchParams(search).get('example') ?? DEFAULT_PRESET;
  return PRESETS.find((p) => p.name === name) ?? presetByName(DEFAULT_PRESET);
}

export function presetByName(name: string): Preset {
  const preset = PRESETS.find((p) => p.name === name);
  if (!preset) throw new Error(`no preset '${name}'`);
  return preset;
}
