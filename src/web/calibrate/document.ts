// The calibration document the Calibrate view runs (the same document the CLI and API take, offered for
// download): the measurements as one experiment — the form's alloy and schedule, or the example's — the
// chosen parameters, and the method.
import type { Observable } from '../../request/calibration-schema.js';
import { KAWIN_STRENGTH, type ParameterChoice } from './choices.js';
import type { Measurement } from './csv.js';
import { EXAMPLE } from './example.js';

export interface MethodSettings {
  seed: number;
  maxEvaluations: number;
  walkers: number;
  steps: number;
  burnIn: number;
}

export interface DocumentInput {
  /** The form's request body (its alloy, schedule, phases and config). */
  body: Record<string, unknown>;
  /** Whose alloy and schedule: the form's, or the AA6063 example's. */
  alloy: 'form' | 'example';
  quantity: Observable;
  measurements: Measurement[];
  parameters: ParameterChoice[];
  method: MethodSettings;
}

type Config = Record<string, unknown> & { strength?: Record<string, unknown> };

/** The form's config, with kawin's strength contributions when a chosen parameter needs them. */
function baseConfig(body: Record<string, unknown>, parameters: ParameterChoice[]): Config | undefined {
  const config = structuredClone((body.config ?? {}) as Config);
  if (parameters.some((p) => p.kawinStrength) && !Array.isArray(config.strength?.contributions))
    config.strength = { ...config.strength, ...structuredClone(KAWIN_STRENGTH) };
  return Object.keys(config).length > 0 ? config : undefined;
}

function experimentOf(input: DocumentInput) {
  const { body } = input;
  const { name, source, composition, composition_unit, temperature_profile } = EXAMPLE;
  const alloy =
    input.alloy === 'example'
      ? { name, source, composition, composition_unit, temperature_profile }
      : {
          name: 'measured (the form’s alloy and schedule)',
          composition: body.composition,
          composition_unit: body.composition_unit,
          temperature_profile: body.temperature_profile,
        };
  return {
    ...alloy,
    observations: input.measurements.map((m) => ({
      time_hours: m.timeHours,
      [input.quantity]: m.value,
      ...(m.sd !== undefined && { sd: m.sd }),
    })),
  };
}

export function calibrationDocument(input: DocumentInput): Record<string, unknown> {
  const config = baseConfig(input.body, input.parameters);
  const { method } = input;
  return {
    base: {
      ...(input.alloy === 'example'
        ? { phases: EXAMPLE.phases }
        : input.body.phases !== undefined && { phases: input.body.phases }),
      ...(config && { config }),
    },
    experiments: [experimentOf(input)],
    parameters: input.parameters.map((p) => ({
      name: p.name,
      path: p.path,
      min: p.min,
      max: p.max,
      scale: p.scale,
    })),
    method: {
      seed: method.seed,
      max_evaluations: method.maxEvaluations,
      walkers: method.walkers,
      steps: method.steps,
      burn_in: method.burnIn,
    },
  };
}
