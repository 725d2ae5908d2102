// Defaults of a simulation request (kawin's example 03 and the seed service's wrapper).

export const PHASES = ['MGSI_B_P', 'MG5SI6_B_DP', 'B_PRIME_L', 'U1_PHASE', 'U2_PHASE'] as const;
export type PhaseName = (typeof PHASES)[number];

export const SOLUTES = ['MG', 'SI'] as const;
export type SoluteName = (typeof SOLUTES)[number];

/** Atomic masses (g/mol) as the default database's ELEMENT lines give them; used for weight-percent input. */
export const ATOMIC_MASS_G_PER_MOL: Record<'AL' | SoluteName, number> = {
  AL: 26.98154,
  MG: 24.305,
  SI: 28.0855,
};

/** Interfacial energies, J/m² (kawin example 03). */
export const DEFAULT_INTERFACIAL_ENERGY: Record<PhaseName, number> = {
  MGSI_B_P: 0.18,
  MG5SI6_B_DP: 0.084,
  B_PRIME_L: 0.18,
  U1_PHASE: 0.18,
  U2_PHASE: 0.18,
};

/** Factors on each solute's atomic mobility (kawin's mobility correction) and each phase's nucleation-site density. */
export const DEFAULT_MOBILITY_FACTOR: Record<SoluteName, number> = { MG: 1, SI: 1 };
export const DEFAULT_NUCLEATION_SITE_FACTOR = Object.fromEntries(PHASES.map((p) => [p, 1])) as Record<
  PhaseName,
  number
>;

export const DEFAULT_CONFIG = {
  aspect_ratio: { prefactor: 5.55, exponent: 0.24 },
  dislocation: { shear_modulus_gpa: 25.4, burgers_vector_nm: 0.286, poisson_ratio: 0.34 },
  interfacial_energy: DEFAULT_INTERFACIAL_ENERGY,
  taylor_factor: 2.24,
};

export const DEFAULT_MAX_POINTS = 500;
export const MAX_MAX_POINTS = 5000;
/** Most size-distribution times one request may ask for (output.size_distribution_times_hours). */
export const MAX_SIZE_DISTRIBUTION_TIMES = 20;
export const DEFAULT_MAX_SIMULATION_HOURS = 100;

/** Largest number of engine steps a run may take (ENGINE_MAX_STEPS): ~5 s of the WebAssembly kernel. */
export const DEFAULT_MAX_STEPS = 500_000;
/**
 * Fewest steps the engine takes per kelvin of heating (it heats at most 1 K per step; over schedules from
 * 0-20 °C to 0-700 °C cycles it took 2.6 to 45 steps per K): a schedule that heats by more than
 * maxSteps / this is rejected before it runs.
 */
export const MIN_STEPS_PER_KELVIN_HEATING = 2;

/** Each solute's content as a mole fraction: a dilute Al alloy the Al-Mg-Si database describes. */
export const SOLUTE_MOLE_FRACTION_RANGE = { min: 1e-6, max: 0.1 };

/** The example request of the schema and the browser page's starting point. */
export const EXAMPLE_REQUEST = {
  composition: { MG: 0.0072, SI: 0.0057 },
  composition_unit: 'mole_fraction',
  temperature_profile: { time_points_hours: [0, 16, 17], temperatures_celsius: [199, 199, 200] },
  simulation_time_hours: 25,
};

/** kawin's example 03: Al-0.72Mg-0.57Si at.%, 16 h at 175 °C, ramp to 250 °C at 17 h, 25 h. */
export const KAWIN_EXAMPLE_03 = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0, 16, 17], temperatures_celsius: [175, 175, 250] },
  simulation_time_hours: 25,
};
