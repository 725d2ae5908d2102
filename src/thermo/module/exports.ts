// The typed seam: the exports the host calls, typed from what asc generated for the module
// (generated/kernel-exports.d.ts, from `asc --bindings raw`; tools/make/kernel.mjs). The names
// are also a value, so that tests/kernel/exports.test.ts checks them against both targets' real exports.
import type { KernelModuleExports } from './generated/kernel-exports.js';

export const HOST_EXPORTS = [
  'memory',
  'setup',
  'setPhase',
  'binsOf',
  'psdPtr',
  'boundsPtr',
  'stateStart',
  'stateEnd',
  'historyScalar',
  'restoreHistory',
  'thermoBlock',
  'thermoSystem',
  'thermoTemperature',
  'chemicalPotentials',
  'kinetics',
  'drivingForceAtMu',
  'exp',
  'log',
  'log10',
  'pow',
  'cbrt',
  'runLimits',
  'runProfilePoint',
  'runInitialComposition',
  'runCompound',
  'runGibbs',
  'runRowPtr',
  'runBegin',
  'runResumeAt',
  'runSetUp',
  'runChooseStep',
  'runFinishStep',
  'runScalarsPtr',
  'strengthBegin',
  'strengthTerm',
  'strengthTotals',
  'strengthSolute',
  'strengthMomentsPtr',
  'strengthSolutePtr',
  'strengthPhasePtr',
  'strengthTotalsPtr',
  'strengthMechanismPtr',
  'strengthRows',
  'seedStrengthBegin',
  'seedOrowanCrss',
  'seedRadiusPtr',
  'seedFractionPtr',
  'seedPhasePtr',
  'seedTotalsPtr',
  'seedStrengthRows',
] as const satisfies readonly (keyof KernelModuleExports)[];

/** Capacities and offsets the host reads by name (exported constants: `.value`). */
export const LAYOUT_EXPORTS = [
  'MAX_ELEMENTS',
  'MAX_TERMS',
  'THERMO_BLOCK_DOUBLES',
  'THERMO_X',
  'THERMO_XB',
  'THERMO_G0',
  'THERMO_TERMS',
  'THERMO_MOBILITY_TERMS',
  'THERMO_MOBILITY_VALUES',
  'THERMO_GRAD',
  'THERMO_MU',
  'THERMO_TRIAL',
  'THERMO_X_ALPHA',
  'THERMO_DC',
  'THERMO_CURVATURE',
  'THERMO_MOBILITY_FACTOR',
  'MAX_RUN_PHASES',
  'MAX_PROFILE_POINTS',
  'ROW_PHASE_QUANTITIES',
  'ROW_PHASES_OFFSET',
  'RUN_TIME',
  'RUN_MAX_STEP',
  'RUN_STEP_INDEX',
  'RUN_RECORDS',
  'RUN_LAST_TEMPERATURE',
  'STRENGTH_CHUNK_ROWS',
  'STRENGTH_PHASE_COLUMNS',
  'STRENGTH_TOTAL_COLUMNS',
  'SEED_CHUNK_ROWS',
  'SEED_PHASE_COLUMNS',
  'SEED_TOTAL_COLUMNS',
] as const satisfies readonly (keyof KernelModuleExports)[];

export type LayoutName = (typeof LAYOUT_EXPORTS)[number];
export type KernelExports = Pick<KernelModuleExports, (typeof HOST_EXPORTS)[number] | LayoutName>;

/** The layout's values, read once per instance. */
export type KernelLayout = Record<LayoutName, number>;

export function readLayout(ex: KernelExports): KernelLayout {
  return Object.fromEntries(LAYOUT_EXPORTS.map((name) => [name, ex[name].value])) as KernelLayout;
}
