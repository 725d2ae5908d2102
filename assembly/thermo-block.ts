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
export const T_X: i32 = 0;
export const T_XB: i32 = T_X + E;
export const T_G0: i32 = T_XB + E;
export const T_TERMS: i32 = T_G0 + E;
export const T_MOBILITY_TERMS: i32 = T_TERMS + 4 * MAX_TERMS;
export const T_MOBILITY_VALUES: i32 = T_MOBILITY_TERMS + 5 * MAX_TERMS;
export const T_GRAD: i32 = T_MOBILITY_VALUES + MAX_TERMS;
export const T_MU: i32 = T_GRAD + E;
export const T_TRIAL: i32 = T_MU + E;
export const T_X_ALPHA: i32 = T_TRIAL + E;
export const T_DC: i32 = T_X_ALPHA + E;
export const T_CURVATURE: i32 = T_DC + E; // mc, β
// Scratch of the tie-line solve and of the curvature factors.
export const S_GRAD: i32 = T_CURVATURE + 2;
export const S_MU: i32 = S_GRAD + E;
export const S_HESSIAN: i32 = S_MU + E;
export const S_DIRECTION: i32 = S_HESSIAN + EE;
export const C_HESSIAN: i32 = S_DIRECTION + E;
export const C_HESSIAN_REF: i32 = C_HESSIAN + EE;
export const C_DIFFUSIVITY: i32 = C_HESSIAN_REF + EE;
export const C_MOBILITY: i32 = C_DIFFUSIVITY + EE;
export const C_TRACER: i32 = C_MOBILITY + E;
export const C_ROW_DOT: i32 = C_TRACER + E;
export const C_CHEMICAL: i32 = C_ROW_DOT + E;
export const C_WORK: i32 = C_CHEMICAL + EE;
export const C_X_BAR: i32 = C_WORK + EE;
export const C_SOLVED: i32 = C_X_BAR + E;
export const BLOCK_DOUBLES: i32 = C_SOLVED + E;

export const BLOCK: usize = memory.data(BLOCK_DOUBLES << 3, 16);

export let n: i32 = 0;
export let m: i32 = 0;
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
@inline export function g(i: i32): f64 {
  return load<f64>(BLOCK + ((<usize>i) << 3));
}
// @ts-ignore: decorator
@inline export function s(i: i32, v: f64): void {
  store<f64>(BLOCK + ((<usize>i) << 3), v);
}
// @ts-ignore: decorator
@inline export function gi(i: i32): i32 {
  return <i32>g(i);
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
  n = elements;
  m = elements - 1;
  balance = balanceIndex;
  mobilityTerms = mobilityCount;
  gasConstant = rPycalphad;
  tracerGasConstant = rKawin;
  minSiteFraction = minSite;
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

