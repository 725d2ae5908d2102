// The form's state as the user typed it (texts, not numbers) and its translation to and from a request
// body. The body goes through the same validateRequest as the API's, so a text that is not a number is
// passed on as a string and gets the API's own message ("must be number").
import {
  DEFAULT_CONFIG,
  DEFAULT_MAX_POINTS,
  PHASES,
  SOLUTES,
  type PhaseName,
  type SoluteName,
} from '../../request/defaults.js';
import type { CompositionUnit } from '../../request/validate.js';
import { DEFAULT_STRENGTH, type StrengthModelName } from '../../request/strength.js';
import { presetFromSearch } from './presets.js';
import { rowsFromProfile, type ProfileRow } from './schedule.js';

export interface FormModel {
  composition: Record<SoluteName, string>;
  unit: CompositionUnit;
  rows: ProfileRow[];
  simulationHours: string;
  /** The checked phases, in PHASES order. */
  phases: PhaseName[];
  /** Text of each advanced field by its JSON pointer, e.g. "/config/taylor_factor" → "2.24". */
  advanced: Record<string, string>;
  /** config.strength.model (the seed's Orowan model unless chosen). */
  strengthModel: StrengthModelName;
  /** The body's config as given (e.g. fitted parameters the form has no field for): kept, fields win. */
  carriedConfig?: Record<string, unknown>;
}

export const STRENGTH_MODEL_POINTER = '/config/strength/model';

/** The advanced fields: JSON pointer, label and default. Everything under config, plus max_points. */
export interface AdvancedField {
  pointer: string;
  label: string;
  group: string;
  fallback: number;
}

const energyFields: AdvancedField[] = PHASES.map((p) => ({
  pointer: `/config/interfacial_energy/${p}`,
  label: `${p} (J/m²)`,
  group: 'Interfacial energies',
  fallback: DEFAULT_CONFIG.interfacial_energy[p],
}));

export const ADVANCED_FIELDS: AdvancedField[] = [
  {
    pointer: '/config/aspect_ratio/prefactor',
    label: 'Prefactor',
    group: 'Aspect ratio',
    fallback: DEFAULT_CONFIG.aspect_ratio.prefactor,
  },
  {
    pointer: '/config/aspect_ratio/exponent',
    label: 'Exponent (d in nm)',
    group: 'Aspect ratio',
    fallback: DEFAULT_CONFIG.aspect_ratio.exponent,
  },
  {
    pointer: '/config/dislocation/shear_modulus_gpa',
    label: 'Shear modulus (GPa)',
    group: 'Dislocation',
    fallback: DEFAULT_CONFIG.dislocation.shear_modulus_gpa,
  },
  {
    pointer: '/config/dislocation/burgers_vector_nm',
    label: 'Burgers vector (nm)',
    group: 'Dislocation',
    fallback: DEFAULT_CONFIG.dislocation.burgers_vector_nm,
  },
  {
    pointer: '/config/dislocation/poisson_ratio',
    label: 'Poisson ratio',
    group: 'Dislocation',
    fallback: DEFAULT_CONFIG.dislocation.poisson_ratio,
  },
  ...energyFields,
  {
    pointer: '/config/taylor_factor',
    label: 'Taylor factor M',
    group: 'Taylor factor',
    fallback: DEFAULT_CONFIG.taylor_factor,
  },
  {
    pointer: '/config/strength/base_strength_mpa',
    label: 'Base strength σ₀ (MPa, kawin model)',
    group: 'Strength and hardness',
    fallback: DEFAULT_STRENGTH.base_strength_mpa,
  },
  {
    pointer: '/config/strength/hardness/slope_hv_per_mpa',
    label: 'Hardness slope (HV/MPa)',
    group: 'Strength and hardness',
    fallback: DEFAULT_STRENGTH.hardness.slope_hv_per_mpa,
  },
  {
    pointer: '/config/strength/hardness/intercept_hv',
    label: 'Hardness intercept (HV)',
    group: 'Strength and hardness',
    fallback: DEFAULT_STRENGTH.hardness.intercept_hv,
  },
  {
    pointer: '/max_points',
    label: 'Rows in the server’s series',
    group: 'Output',
    fallback: DEFAULT_MAX_POINTS,
  },
];

/** A typed text as a JSON value: a number when it reads as one, else the text itself (for the message). */
export function parseNumberText(text: string): number | string {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

interface BodyLike {
  composition?: Partial<Record<SoluteName, number>>;
  composition_unit?: CompositionUnit;
  temperature_profile?: { time_points_hours?: number[]; temperatures_celsius?: number[] };
  simulation_time_hours?: number;
  phases?: PhaseName[];
  max_points?: number;
  config?: Record<string, unknown>;
}

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
}

function setAt(body: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1);
  let node = body;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** The form filled from a request body (missing fields get their defaults). */
export function modelFromBody(body: BodyLike): FormModel {
  const text = (v: unknown) => (v === undefined ? '' : String(v));
  const advanced = Object.fromEntries(
    ADVANCED_FIELDS.map((f) => [f.pointer, text(valueAt(body, f.pointer) ?? f.fallback)]),
  );
  const profile = body.temperature_profile ?? {};
  return {
    composition: Object.fromEntries(SOLUTES.map((s) => [s, text(body.composition?.[s])])) as Record<
      SoluteName,
      string
    >,
    unit: body.composition_unit ?? 'mole_fraction',
    rows: rowsFromProfile({
      time_points_hours: profile.time_points_hours ?? [],
      temperatures_celsius: profile.temperatures_celsius ?? [],
    }),
    simulationHours: text(body.simulation_time_hours),
    phases: PHASES.filter((p) => !body.phases || body.phases.includes(p)),
    advanced,
    strengthModel: (valueAt(body, STRENGTH_MODEL_POINTER) as StrengthModelName) ?? DEFAULT_STRENGTH.model,
    ...(body.config && { carriedConfig: structuredClone(body.config) }),
  };
}

/** Removes a pointer's field from a body (the form's own fields replace the carried config's). */
function deleteAt(body: Record<string, unknown>, pointer: string): void {
  const keys = pointer.split('/').slice(1);
  const parent = valueAt(body, `/${keys.slice(0, -1).join('/')}`) as Record<string, unknown> | undefined;
  if (parent && typeof parent === 'object') delete parent[keys[keys.length - 1]];
}

/** Drops objects left empty by deleteAt (a body without them is the same request). */
function pruned(node: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(node)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const kept = pruned(value as Record<string, unknown>);
    if (kept) node[key] = kept;
    else delete node[key];
  }
  return Object.keys(node).length > 0 ? node : undefined;
}

/**
 * The request body of the form. Defaults are left out (all phases, unchanged advanced fields), so that
 * the untouched form sends exactly its preset's body. Blank object fields are left out (the schema
 * then says "is required" or the default applies); blank array entries stay, as "".
 */
export function bodyFromModel(model: FormModel): Record<string, unknown> {
  const body: Record<string, unknown> = { composition: {} };
  if (model.carriedConfig) {
    body.config = structuredClone(model.carriedConfig);
    for (const f of [...ADVANCED_FIELDS.map((f) => f.pointer), STRENGTH_MODEL_POINTER]) deleteAt(body, f);
    const config = pruned(body.config as Record<string, unknown>);
    if (config) body.config = config;
    else delete body.config;
  }
  for (const s of SOLUTES) {
    if (model.composition[s].trim() !== '')
      setAt(body, `/composition/${s}`, parseNumberText(model.composition[s]));
  }
  body.composition_unit = model.unit;
  body.temperature_profile = {
    time_points_hours: model.rows.map((r) => parseNumberText(r.hours)),
    temperatures_celsius: model.rows.map((r) => parseNumberText(r.celsius)),
  };
  if (model.simulationHours.trim() !== '')
    body.simulation_time_hours = parseNumberText(model.simulationHours);
  if (model.phases.length !== PHASES.length) body.phases = PHASES.filter((p) => model.phases.includes(p));
  for (const field of ADVANCED_FIELDS) {
    const typed = model.advanced[field.pointer] ?? '';
    if (typed.trim() === '') continue;
    const value = parseNumberText(typed);
    if (value !== field.fallback) setAt(body, field.pointer, value);
  }
  if (model.strengthModel !== DEFAULT_STRENGTH.model)
    setAt(body, STRENGTH_MODEL_POINTER, model.strengthModel);
  return body;
}

/** The form the page opens with: a T6 at 175 °C, or the preset the address names (`?example=kawin03`). */
export function initialModel(search: string): FormModel {
  return modelFromBody(presetFromSearch(search).body as BodyLike);
}
