// Model constants of kawin's example 03 set-up (kwn.md §2). Precipitates are spheres with bulk nucleation.

/** Molar volume of the matrix and of every precipitate, m³ per mole of atoms ('VM', 4 atoms per cell). */
export const MOLAR_VOLUME_M3 = 1e-5;
export const ATOMS_PER_UNIT_CELL = 4;
/** Floor of the critical radius and the radius below which PSD bins are emptied, m. */
export const MIN_RADIUS_M = 3e-10;
/** Initial size grid: linear bins between these radii, m. */
export const GRID_MIN_M = 1e-10;
export const GRID_MAX_M = 1e-9;
export const GRID_BINS = 150;
export const GRID_MIN_BINS = 100;
export const GRID_MAX_BINS = 200;
/** A phase with fewer particles than this per m³ counts as absent in the mass balance. */
export const MIN_NUMBER_DENSITY = 1e-10;

/** Time-step limits (kawin's Constraints defaults). */
export const STEP_LIMITS = {
  firstStepS: 0.01,
  growthFactor: 1.001,
  minFractionOfRun: 1e-8,
  psdCourant: 0.4,
  maxNucleationRateChangeDecades: 0.5,
  minNucleationRate: 1e-5,
  maxNucleatedPerStep: 1e5,
  maxTemperatureChangeK: 1,
  maxCriticalRadiusChange: 0.01,
  maxVolumeChange: 1e-3,
};
