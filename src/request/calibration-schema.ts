// The JSON Schema of a calibration document: one schema for the CLI, the API and the page. Parameters are
// JSON pointers into each experiment's (normalized) simulation request, so anything in config can be fitted.
// Checks JSON Schema cannot express (pointers that resolve, bounds that give valid requests) are in
// src/calibrate/document.ts.
import { PHASES } from './defaults.js';
import { requestSchema } from './schema.js';

export const OBSERVABLES = [
  'yield_strength_mpa',
  'hardness_hv',
  'mean_radius_nm',
  'number_density_per_m3',
  'volume_fraction',
] as const;
export type Observable = (typeof OBSERVABLES)[number];
/** The quantities whose measured time to peak an observation may give. */
export const PEAK_QUANTITIES = ['yield_strength_mpa', 'hardness_hv'] as const;
export type PeakQuantity = (typeof PEAK_QUANTITIES)[number];

/** Bounds of the work one calibration may cause (runs = evaluations × experiments). */
export const CALIBRATION_LIMITS = {
  experiments: 20,
  observationsPerExperiment: 500,
  parameters: 10,
  maxEvaluations: 5000,
  walkers: 128,
  steps: 5000,
  /** Engine runs of the whole calibration, optimiser and sampler together. */
  runs: 200_000,
};

const rp = requestSchema.properties;
const positive = (description: string) => ({ type: 'number', exclusiveMinimum: 0, description });

const observation = {
  type: 'object',
  additionalProperties: false,
  required: ['time_hours'],
  description: 'One measurement: its time and exactly one quantity',
  properties: {
    time_hours: { type: 'number', minimum: 0, description: 'Ageing time of the measurement, hours' },
    yield_strength_mpa: positive('Yield strength, MPa'),
    hardness_hv: positive('Vickers hardness, HV'),
    mean_radius_nm: positive('Mean precipitate radius, nm'),
    number_density_per_m3: positive('Precipitate number density, m⁻³ (fitted on a log scale)'),
    volume_fraction: { type: 'number', minimum: 0, maximum: 1, description: 'Precipitate volume fraction' },
    sd: positive("The measurement's standard deviation, in its unit (default: 5 % of the value)"),
    phase: {
      type: 'string',
      enum: [...PHASES],
      description: 'For microstructure quantities: this phase only (default: every phase together)',
    },
  },
  oneOf: OBSERVABLES.map((q) => ({ required: [q] })),
};

const peakTime = {
  type: 'object',
  additionalProperties: false,
  required: ['time_to_peak_hours', 'quantity', 'sd_factor'],
  description:
    "The measured time of a curve's maximum, compared as ln(model / measured) / ln(sd_factor) (the model's: the time of the maximum over the run)",
  properties: {
    time_to_peak_hours: positive('Ageing time of the measured maximum, hours'),
    quantity: { type: 'string', enum: [...PEAK_QUANTITIES], description: 'The curve whose peak it is' },
    sd_factor: {
      type: 'number',
      exclusiveMinimum: 1,
      maximum: 100,
      description: "The peak time's uncertainty as a factor: one sd is ×/÷ sd_factor",
    },
  },
};

/** An observation item: a time to peak when it gives time_to_peak_hours, otherwise a measurement. */
const observationItem = {
  type: 'object',
  if: { required: ['time_to_peak_hours'] },
  then: peakTime,
  else: observation,
};

const experiment = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'composition', 'temperature_profile', 'observations'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    source: { type: 'string', maxLength: 1000, description: 'Where the measurements come from' },
    composition: rp.composition,
    composition_unit: rp.composition_unit,
    temperature_profile: rp.temperature_profile,
    simulation_time_hours: {
      ...rp.simulation_time_hours,
      description: 'Ageing time simulated, hours (default: the last observation time)',
    },
    observations: {
      type: 'array',
      minItems: 1,
      maxItems: CALIBRATION_LIMITS.observationsPerExperiment,
      items: observationItem,
    },
  },
};

const prior = {
  type: 'object',
  additionalProperties: false,
  required: ['distribution', 'mean', 'sd'],
  description:
    'normal: on the value; lognormal: on ln(value), mean the median value, sd in ln units (default: uniform in the scale between min and max)',
  properties: {
    distribution: { type: 'string', enum: ['normal', 'lognormal'] },
    mean: { type: 'number' },
    sd: { type: 'number', exclusiveMinimum: 0 },
  },
};

const parameter = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'min', 'max'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'Key in the results (default: the path)',
    },
    path: {
      oneOf: [
        { type: 'string', pattern: '^/' },
        { type: 'array', minItems: 1, maxItems: 10, items: { type: 'string', pattern: '^/' } },
      ],
      description:
        "JSON pointer into each experiment's request, e.g. /config/interfacial_energy/MG5SI6_B_DP, or several set to the same value",
    },
    min: { type: 'number' },
    max: { type: 'number' },
    scale: { type: 'string', enum: ['linear', 'log'], default: 'linear' },
    prior,
    start: {
      type: 'number',
      description:
        "A value to start the optimiser's search from, between min and max (e.g. a previous fit's); the search also explores the whole range",
    },
  },
};

const count = (minimum: number, maximum: number, def: number | undefined, description: string) => ({
  type: 'integer',
  minimum,
  maximum,
  ...(def !== undefined && { default: def }),
  description,
});

const method = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seed: count(0, 2 ** 32 - 1, 1, 'Seed of the random generator: a seed gives the same result'),
    max_evaluations: count(
      1,
      CALIBRATION_LIMITS.maxEvaluations,
      undefined,
      'Optimiser budget (default 60 per parameter)',
    ),
    walkers: count(
      2,
      CALIBRATION_LIMITS.walkers,
      undefined,
      'Sampler walkers, even (default max(8, 2 × parameters + 2))',
    ),
    steps: count(0, CALIBRATION_LIMITS.steps, 40, 'Sampler steps kept (0: best fit only)'),
    burn_in: count(0, CALIBRATION_LIMITS.steps, 20, 'Sampler steps discarded first'),
  },
};

export const calibrationSchema = {
  $id: 'https://deepalloy.example/schemas/calibration.json',
  title: 'CalibrationDocument',
  type: 'object',
  additionalProperties: false,
  required: ['experiments', 'parameters'],
  properties: {
    base: {
      type: 'object',
      additionalProperties: false,
      description: 'Request fields every experiment shares',
      properties: {
        phases: rp.phases,
        max_points: rp.max_points,
        config: rp.config,
      },
    },
    experiments: { type: 'array', minItems: 1, maxItems: CALIBRATION_LIMITS.experiments, items: experiment },
    parameters: { type: 'array', minItems: 1, maxItems: CALIBRATION_LIMITS.parameters, items: parameter },
    method,
  },
} as const;
