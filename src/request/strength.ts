// config.strength of a simulation request: which strength model, kawin's shearing contributions, solid
// solution, base strength and the hardness relation (shared/spec/strength.md §1-§9). Its JSON Schema (a
// part of schema.ts), defaults, the checks JSON Schema cannot express and the normalized form.
import { SOLUTES, type PhaseName, type SoluteName } from './defaults.js';

export const STRENGTH_MODELS = ['seed_orowan', 'kawin'] as const;
export type StrengthModelName = (typeof STRENGTH_MODELS)[number];

/** Each contribution type and the fields it takes (besides `type` and `phase`). */
export const CONTRIBUTION_FIELDS = {
  coherency: ['misfit_strain'],
  modulus: ['precipitate_shear_modulus_gpa'],
  anti_phase_boundary: ['energy_j_per_m2'],
  stacking_fault: ['matrix_energy_j_per_m2', 'precipitate_energy_j_per_m2'],
  interfacial: ['energy_j_per_m2'],
} as const;
export type ContributionType = keyof typeof CONTRIBUTION_FIELDS;

export interface StrengthContribution {
  type: ContributionType;
  /** The one phase it applies to; all phases when absent. */
  phase?: PhaseName;
  misfit_strain?: number;
  precipitate_shear_modulus_gpa?: number;
  energy_j_per_m2?: number;
  matrix_energy_j_per_m2?: number;
  precipitate_energy_j_per_m2?: number;
}

export interface StrengthConfig {
  model: StrengthModelName;
  contributions: StrengthContribution[];
  solid_solution: { weights_pa: Record<SoluteName, number>; exponents: Record<SoluteName, number> };
  base_strength_mpa: number;
  hardness: { slope_hv_per_mpa: number; intercept_hv: number };
}

/** The user's configuration of kawin's model for Al-Mg-Si (strength.md §8) and the hardness relation (§9). */
export const DEFAULT_STRENGTH: StrengthConfig = {
  model: 'seed_orowan',
  contributions: [
    { type: 'coherency', misfit_strain: 0.025 },
    { type: 'modulus', precipitate_shear_modulus_gpa: 50 },
  ],
  solid_solution: { weights_pa: { MG: 1.676e9, SI: 0.958e9 }, exponents: { MG: 1, SI: 1 } },
  base_strength_mpa: 0,
  hardness: { slope_hv_per_mpa: 0.33, intercept_hv: 16 },
};

const bounded = (description: string, minimum: number, maximum: number) => ({
  type: 'number',
  minimum,
  maximum,
  description: `${description} (${minimum} to ${maximum})`,
});
const positiveBounded = (description: string, maximum: number) => ({
  type: 'number',
  exclusiveMinimum: 0,
  maximum,
  description: `${description} (above 0, at most ${maximum})`,
});
const perSolute = (item: object) => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(SOLUTES.map((s) => [s, item])),
});

export function strengthSchema(phases: readonly string[]) {
  return {
    type: 'object',
    additionalProperties: false,
    description: 'Strength model (shared/spec/strength.md); without it, the seed Orowan model',
    properties: {
      model: { type: 'string', enum: [...STRENGTH_MODELS], default: DEFAULT_STRENGTH.model },
      contributions: {
        type: 'array',
        maxItems: 20,
        description:
          'Shearing contributions of the kawin model (default: coherency 0.025 and modulus 50 GPa for all phases); later entries of one type win',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: {
            type: { type: 'string', enum: Object.keys(CONTRIBUTION_FIELDS) },
            phase: { type: 'string', enum: [...phases] },
            misfit_strain: positiveBounded('coherency misfit strain', 0.2),
            precipitate_shear_modulus_gpa: bounded('precipitate shear modulus, GPa', 0, 1000),
            energy_j_per_m2: positiveBounded('anti-phase-boundary or interfacial energy, J/m²', 5),
            matrix_energy_j_per_m2: positiveBounded('matrix stacking-fault energy, J/m²', 2),
            precipitate_energy_j_per_m2: positiveBounded('precipitate stacking-fault energy, J/m²', 2),
          },
        },
      },
      solid_solution: {
        type: 'object',
        additionalProperties: false,
        description: 'σ_ss = Σ (w·x)^a over the solutes, x the matrix mole fraction',
        properties: {
          weights_pa: perSolute(bounded('solid-solution weight, Pa', 0, 1e12)),
          exponents: perSolute(bounded('solid-solution exponent', 0.1, 3)),
        },
      },
      base_strength_mpa: bounded('base (pure-matrix) strength σ0, MPa', 0, 2000),
      hardness: {
        type: 'object',
        additionalProperties: false,
        description: 'HV = slope · σ_y[MPa] + intercept',
        properties: {
          slope_hv_per_mpa: bounded('hardness slope, HV/MPa', 0, 10),
          intercept_hv: bounded('hardness intercept, HV', -500, 500),
        },
      },
    },
  };
}

export interface RawStrength {
  model?: StrengthModelName;
  contributions?: StrengthContribution[];
  solid_solution?: {
    weights_pa?: Partial<Record<SoluteName, number>>;
    exponents?: Partial<Record<SoluteName, number>>;
  };
  base_strength_mpa?: number;
  hardness?: Partial<StrengthConfig['hardness']>;
}

/** What JSON Schema cannot say: each contribution has exactly its type's fields and names a run's phase. */
export function strengthIssues(raw: RawStrength | undefined, phases: readonly string[]) {
  const issues: { path: string; message: string }[] = [];
  (raw?.contributions ?? []).forEach((c, i) => {
    const at = `/config/strength/contributions/${i}`;
    const wanted: readonly string[] = CONTRIBUTION_FIELDS[c.type];
    for (const field of wanted) {
      if (!(field in c)) issues.push({ path: `${at}/${field}`, message: `is required for type ${c.type}` });
    }
    for (const field of Object.keys(c)) {
      if (field !== 'type' && field !== 'phase' && !wanted.includes(field))
        issues.push({ path: `${at}/${field}`, message: `is not a field of type ${c.type}` });
    }
    if (c.phase !== undefined && !phases.includes(c.phase))
      issues.push({ path: `${at}/phase`, message: `${c.phase} is not one of the request's phases` });
  });
  return issues;
}

/** The strength configuration with every default filled in. */
export function normalizeStrength(raw: RawStrength): StrengthConfig {
  const d = DEFAULT_STRENGTH;
  return {
    model: raw.model ?? d.model,
    contributions: (raw.contributions ?? d.contributions).map((c) => ({ ...c })),
    solid_solution: {
      weights_pa: { ...d.solid_solution.weights_pa, ...raw.solid_solution?.weights_pa },
      exponents: { ...d.solid_solution.exponents, ...raw.solid_solution?.exponents },
    },
    base_strength_mpa: raw.base_strength_mpa ?? d.base_strength_mpa,
    hardness: { ...d.hardness, ...raw.hardness },
  };
}
