// The JSON Schema of a simulation request: one schema for the CLI, the API (and its OpenAPI document)
// and the browser form. Checks JSON Schema cannot express are in validate.ts.
import {
  DEFAULT_CONFIG,
  DEFAULT_MAX_POINTS,
  EXAMPLE_REQUEST,
  MAX_MAX_POINTS,
  PHASES,
  SOLUTES,
} from './defaults.js';

const positive = (description: string) => ({ type: 'number', exclusiveMinimum: 0, description });

const phaseEnergies = Object.fromEntries(
  PHASES.map((p) => [p, positive(`interfacial energy of ${p}, J/m²`)]),
);

export const requestSchema = {
  $id: 'https://deepalloy.example/schemas/simulation-request.json',
  title: 'SimulationRequest',
  type: 'object',
  additionalProperties: false,
  required: ['composition', 'temperature_profile', 'simulation_time_hours'],
  properties: {
    composition: {
      type: 'object',
      description: 'Solute contents, balance Al, in composition_unit',
      additionalProperties: false,
      required: [...SOLUTES],
      properties: Object.fromEntries(SOLUTES.map((s) => [s, positive(`${s} content`)])),
    },
    composition_unit: {
      type: 'string',
      enum: ['mole_fraction', 'atomic_percent', 'weight_percent'],
      default: 'mole_fraction',
    },
    temperature_profile: {
      type: 'object',
      description: 'Piecewise-linear temperature in time, held flat after the last point',
      additionalProperties: false,
      required: ['time_points_hours', 'temperatures_celsius'],
      properties: {
        time_points_hours: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'number', minimum: 0 },
        },
        temperatures_celsius: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'number', minimum: 0, maximum: 700 },
        },
      },
    },
    simulation_time_hours: positive('Ageing time simulated, hours'),
    phases: {
      type: 'array',
      minItems: 1,
      maxItems: PHASES.length,
      uniqueItems: true,
      items: { type: 'string', enum: [...PHASES] },
      default: [...PHASES],
    },
    max_points: {
      type: 'integer',
      minimum: 2,
      maximum: MAX_MAX_POINTS,
      default: DEFAULT_MAX_POINTS,
      description: 'Largest number of points in the compact series of a response',
    },
    config: {
      type: 'object',
      additionalProperties: false,
      properties: {
        aspect_ratio: {
          type: 'object',
          additionalProperties: false,
          description: 'AR = prefactor · (d / 1 nm)^exponent',
          properties: {
            prefactor: positive('aspect-ratio prefactor'),
            exponent: { type: 'number', minimum: -5, maximum: 5 },
          },
        },
        dislocation: {
          type: 'object',
          additionalProperties: false,
          properties: {
            shear_modulus_gpa: positive('matrix shear modulus, GPa'),
            burgers_vector_nm: positive('Burgers vector, nm'),
            poisson_ratio: { type: 'number', minimum: 0, exclusiveMaximum: 0.5 },
          },
        },
        interfacial_energy: { type: 'object', additionalProperties: false, properties: phaseEnergies },
        taylor_factor: positive('Taylor factor'),
      },
      default: DEFAULT_CONFIG,
    },
    output: {
      type: 'object',
      additionalProperties: false,
      description: 'What the result files hold',
      properties: {
        full_series: {
          type: 'boolean',
          default: false,
          description:
            'results.json and results.csv with every solver step (by default: at most 2000 rows that keep every curve, ramp and phase appearance, and the exact final state)',
        },
      },
    },
  },
  examples: [EXAMPLE_REQUEST],
} as const;
