// The state of the kernel's thermodynamics (thermo.ts): one static block of doubles (it never moves, so
// the host's views of it stay valid until the memory grows) and the scalars of the system and temperature.
import { pow } from './math';

export const MAX_ELEMENTS: i32 = 8;
export const MAX_TERMS: i32 = 64;
const E: i32 = MAX_ELEMENTS;
const EE: i32 = MAX_ELEMENTS * MAX_ELEMENTS;

// Offsets (doubles) in the block. Inputs: X, XB, G0, SOLUTES, TERMS (i, j, order, L), MOBILITY_TERMS
// (diffuser, species count, species 0, species 1, order), MOBILITY_VALUES, TRIAL. Outputs: GRAD, MU,
// TRIAL, X_ALPHA, DC (mc, β and λ are returned or read through curvatureOut).
export const THERMO_X: i32 = 0;
export const THERMO_XB: i32 = THERMO_X + E;
export const THERMO_G0: i32 = THERMO_XB + E;
export const THERMO_TERMS: i32 = THERMO_G0 + E;
export const THERMO_MOBILITY_TERMS: i32 = THERMO_TERMS + 4 * MAX_TERMS;
export const THERMO_MOBILITY_VALUES: i32 = THERMO_MOBILITY_TERMS + 5 * MAX_TERMS;
export const THERMO_GRAD: i32 = THERMO_MOBILITY_VALUES + MAX_TERMS;
export const THERMO_MU: i32 = THERMO_GRAD + E;
export const THERMO_TRIAL: i32 = THERMO_MU + E;
export const THERMO_X_ALPHA: i32 = THERMO_TRIAL + E;
export const THERMO_DC: i32 = THERMO_X_ALPHA + E;
export const THERMO_CURVATURE: i32 = THERMO_DC + E; // mc, β
// Scratch of the tie-line solve and of the curvature factors.
export const TIE_LINE_GRAD: i32 = THERMO_CURVATURE + 2;
export const TIE_LINE_MU: i32 = TIE_LINE_GRAD + E;
export const TIE_LINE_HESSIAN: i32 = TIE_LINE_MU + E;
export const TIE_LINE_DIRECTION: i32 = TIE_LINE_HESSIAN + EE;
export const CURVATURE_HESSIAN: i32 = TIE_LINE_DIRECTION + E;
export const CURVATURE_HESSIAN_REF: i32 = CURVATURE_HESSIAN + EE;
export const CURVATURE_DIFFUSIVITY: i32 = CURVATURE_HESSIAN_REF + EE;
export const CURVATURE_MOBILITY: i32 = CURVATURE_DIFFUSIVITY + EE;
export const CURVATURE_TRACER: i32 = CURVATURE_MOBILITY + E;
export const CURVATURE_ROW_DOT: i32 = CURVATURE_TRACER + E;
export const CURVATURE_CHEMICAL: i32 = CURVATURE_ROW_DOT + E;
export const CURVATURE_WORK: i32 = CURVATURE_CHEMICAL + EE;
export const CURVATURE_X_BAR: i32 = CURVATURE_WORK + EE;
export const CURVATURE_SOLVED: i32 = CURVATURE_X_BAR + E;
// Input: each element's mobility factor (kawin's mobility correction; 1 unless a request sets one).
export const THERMO_MOBILITY_FACTOR: i32 = CURVATURE_SOLVED + E;
export const THERMO_BLOCK_DOUBLES: i32 = THERMO_MOBILITY_FACTOR + E;

export const BLOCK: usize = memory.data(THERMO_BLOCK_DOUBLES << 3, 16);

export let elementCount: i32 = 0;
export let soluteCount: i32 = 0;
export let balance: i32 = 0;
export let gasConstant: f64 = 0; // pycalphad's R (mobilities)
export let tracerGasConstant: f64 = 0; // kawin's R (tracer diffusivities)
export let minSiteFraction: f64 = 0;
export let temperatureK: f64 = 0;
/** R·T with pycalphad's R: the host's SolutionAtT.rt and its mobilities' RT alike. */
export let rt: f64 = 0;
export let terms: i32 = 0;
export let mobilityTerms: i32 = 0;

// @ts-ignore: decorator
@inline export function blockValue(i: i32): f64 {
  return load<f64>(BLOCK + ((<usize>i) << 3));
}
// @ts-ignore: decorator
@inline export function setBlockValue(i: i32, v: f64): void {
  store<f64>(BLOCK + ((<usize>i) << 3), v);
}
// @ts-ignore: decorator
@inline export function blockIndex(i: i32): i32 {
  return <i32>blockValue(i);
}
/** Element index of solute a: the elements but the balance one, in order (the host's system.solutes). */
// @ts-ignore: decorator
@inline export function solute(a: i32): i32 {
  return a < balance ? a : a + 1;
}

export function thermoBlock(): usize {
  return BLOCK;
}

/** The system: element count, balance element, gas constants; the mobility terms are in the block. */
export function thermoSystem(elements: i32, balanceIndex: i32, mobilityCount: i32, rPycalphad: f64, rKawin: f64, minSite: f64): void {
  elementCount = elements;
  soluteCount = elements - 1;
  balance = balanceIndex;
  mobilityTerms = mobilityCount;
  gasConstant = rPycalphad;
  tracerGasConstant = rKawin;
  minSiteFraction = minSite;
  for (let c = 0; c < MAX_ELEMENTS; c++) setBlockValue(THERMO_MOBILITY_FACTOR + c, 1);
}

/** A temperature's coefficients (G0, TERMS and MOBILITY_VALUES are in the block). */
export function thermoTemperature(temperature: f64, termCount: i32): void {
  temperatureK = temperature;
  rt = gasConstant * temperature; // the host's operation, so its bits
  terms = termCount;
}

export function powOrZero(d: f64, k: f64): f64 {
  return k < 0 ? 0 : k == 0 ? 1 : pow(d, k);
}

