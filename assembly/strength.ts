// kawin's strength model for one phase at one recorded row (shared/spec/strength.md §1-§5): slip-plane
// radius and spacing from the distribution's moments, the weak- and strong-pinning CRSS of each shearing
// contribution superposed, and Orowan bypass. In the kernel because it runs for every phase of every row
// (strength-rows.ts, after the run): from the host, through the JavaScript math, it cost more than the rest
// of the run's host work together. Not part of a run's state: it reads only the recorded rows.
import {
  ratioPower18, rootOfSum18, strengthExp as exp, strengthLog as log, strengthPow as pow,
} from './strength-math';
import { MAX_RUN_PHASES } from './run-inputs';

/** Contributions per phase: at most one of each type. */
export const MAX_STRENGTH_TERMS: i32 = 5;
// Contribution types (src/kernel/run-steps.ts STRENGTH_TERM_CODES).
const COHERENCY: i32 = 1;
const MODULUS: i32 = 2;
const ANTI_PHASE_BOUNDARY: i32 = 3;
const STACKING_FAULT: i32 = 4;
const INTERFACIAL: i32 = 5;

/** Superposition exponent of the contributions (§4), and of the phases and the totals (§6, §7). */
export const EXPONENT: f64 = 1.8;
// An edge dislocation (θ = 90°) bent by ψ = 120° (§2): sin²θ, cos²θ, cos 2θ of the doubles nearest those
// angles as kawin evaluates them (numpy), and ln(1/√cos(ψ/2)) = ln 2 / 2 for the weak-pinning cut-off.
const SIN2: f64 = 1;
const COS2: f64 = 3.749399456654644e-33;
const COS_2THETA: f64 = -1;
const LN_WEAK_CUTOFF: f64 = 0.34657359027997264;
const LN3: f64 = 1.0986122886681098;
const LN2: f64 = 0.6931471805599453;
const SQRT_TWO_THIRDS: f64 = 0.816496580927726;

// Per phase and term: type, then two parameters (see strengthTerm).
const TERMS: usize = memory.data(MAX_RUN_PHASES * MAX_STRENGTH_TERMS * 3 * 8, 16);
let shearModulusPa: f64 = 0;
let burgersM: f64 = 0;
let poisson: f64 = 0;
let tensionPerLog: f64 = 0;
let orowanPrefactor: f64 = 0;

/** What slipPlaneCrss computed: r_ss, L_s (m), weak and strong sums and Orowan's CRSS (Pa). */
export let slipRadiusM: f64 = 0;
export let slipSpacingM: f64 = 0;
export let weakCrssPa: f64 = 0;
export let strongCrssPa: f64 = 0;
export let orowanCrssPa: f64 = 0;

/** The matrix's G (Pa), b (m) and ν for the rows to come; clears every term. */
export function strengthBegin(shearModulus: f64, burgers: f64, nu: f64): void {
  shearModulusPa = shearModulus;
  burgersM = burgers;
  poisson = nu;
  tensionPerLog = ((shearModulus * burgers * burgers) / (4 * Math.PI)) * (1 + nu - 3 * nu * SIN2) / (1 - nu);
  orowanPrefactor = (shearModulus * burgers) / (2 * Math.PI * Math.sqrt(1 - nu));
  memory.fill(TERMS, 0, MAX_RUN_PHASES * MAX_STRENGTH_TERMS * 3 * 8);
}

/**
 * Term k of phase p: type (1 coherency: a = ε; 2 modulus: a = G_p in Pa; 3 anti-phase boundary: a = γ_APB;
 * 4 stacking fault: a = γ_SFM, c = γ_SFP; 5 interfacial: a = γ; energies in J/m²).
 */
export function strengthTerm(p: i32, k: i32, type: i32, a: f64, c: f64): void {
  const at = TERMS + ((<usize>((p * MAX_STRENGTH_TERMS + k) * 3)) << 3);
  store<f64>(at, <f64>type);
  store<f64>(at, a, 8);
  store<f64>(at, c, 16);
}

// @ts-ignore: decorator
@inline function clean(x: f64): f64 {
  return x >= 0 && x < Infinity ? x : 0;
}
// @ts-ignore: decorator
@inline function threeHalves(y: f64): f64 {
  return y * Math.sqrt(y); // NaN below 0, as y^1.5
}

let weakTerm: f64 = 0;
let strongTerm: f64 = 0;

/** One contribution's weak and strong CRSS (Pa) at r, L with line tensions Tw, Ts (§3). */
function term(type: i32, a: f64, c: f64, r: f64, L: f64, Tw: f64, Ts: f64, logRb: f64): void {
  const G = shearModulusPa;
  const b = burgersM;
  const nu = poisson;
  if (type == COHERENCY) {
    const s = G * a * r;
    weakTerm = ((1.3416 * COS2 + 4.1127 * SIN2) / L) * Math.sqrt((b * s * s * s) / Tw);
    const t = Ts / b;
    strongTerm = ((2 * COS2 + 2.1352 * SIN2) / L) * Math.sqrt(Math.sqrt(s * t * t * t));
  } else if (type == MODULUS || type == STACKING_FAULT) {
    let F: f64;
    if (type == MODULUS) F = 0.05 * Math.abs(G - a) * exp(0.85 * logRb) * b * b; // (r/b)^0.85
    else {
      const K = (G * b * b * (2 - nu - 2 * nu * COS_2THETA)) / (8 * Math.PI * (1 - nu));
      const W = (2 * K) / (a + c);
      F = 2 * (a - c) * Math.sqrt(W * r - (W * W) / 4);
    }
    weakTerm = ((2 * Tw) / (b * L)) * threeHalves(F / (2 * Tw));
    strongTerm = F / (b * L);
  } else if (type == ANTI_PHASE_BOUNDARY) {
    // s = 2, β = 1, V = 2.8
    weakTerm = (2 / (2 * b * L)) * (2 * Tw * threeHalves((r * a) / Tw) - (16 * a * r * r) / (3 * Math.PI * L));
    strongTerm = (0.69 / (b * L)) * Math.sqrt((8 * 2.8 * Ts * r * a) / 3);
  } else if (type == INTERFACIAL) {
    weakTerm = ((2 * Tw) / (b * L)) * threeHalves((a * b) / Tw);
    strongTerm = (2 * a) / L;
  } else {
    weakTerm = 0;
    strongTerm = 0;
  }
}

const WEAK: usize = memory.data(MAX_STRENGTH_TERMS * 8, 16);
const STRONG: usize = memory.data(MAX_STRENGTH_TERMS * 8, 16);

/**
 * At most this ratio to the largest value, x^k (k ≥ 1.4) is below 2^-58 of the largest's: even eight of
 * them add less than half an ulp to a sum that is at least 1.
 */
const NEGLIGIBLE: f64 = 2.2737367544323206e-13; // 2^-42

/**
 * (Σ x^k)^(1/k) of the first `count` values (each ≥ 0) as x_max·(Σ (x/x_max)^k)^(1/k): 0 when they are all
 * 0, the value itself when the others are negligible, one power fewer than the plain sum and none for a
 * negligible value (this runs for every phase of every row), within an ulp or two of the plain sum.
 */
export function superposed(values: usize, count: i32, exponent: f64): f64 {
  if (count == 2) return superposedTwo(load<f64>(values), load<f64>(values, 8), exponent);
  let largest: f64 = 0;
  for (let k = 0; k < count; k++) largest = Math.max(largest, load<f64>(values + ((<usize>k) << 3)));
  if (largest == 0) return 0;
  const negligible = largest * NEGLIGIBLE;
  let sum: f64 = 0;
  let counted = 0;
  for (let k = 0; k < count; k++) {
    const x = load<f64>(values + ((<usize>k) << 3));
    if (x <= negligible) continue;
    counted++;
    sum += x == largest ? 1 : ratioPower(x / largest, exponent);
  }
  return counted == 1 ? largest : clean(largest * rootOfSum(sum, exponent));
}

// @ts-ignore: decorator
@inline function ratioPower(ratio: f64, exponent: f64): f64 {
  return exponent == EXPONENT ? ratioPower18(ratio) : pow(ratio, exponent);
}
// @ts-ignore: decorator
@inline function rootOfSum(sum: f64, exponent: f64): f64 {
  return exponent == EXPONENT ? rootOfSum18(sum) : pow(sum, 1 / exponent);
}

/** superposed() of two values, without its loops (the default contributions are two): the same result. */
function superposedTwo(a: f64, b: f64, exponent: f64): f64 {
  const largest = Math.max(a, b);
  const other = Math.min(a, b);
  if (largest == 0) return 0;
  if (other <= largest * NEGLIGIBLE) return largest;
  const sum = other == largest ? 2 : 1 + ratioPower(other / largest, exponent);
  return clean(largest * rootOfSum(sum, exponent));
}

/** Phase p with moments M1 (1/m²) and M2 (1/m): sets slipRadiusM … orowanCrssPa (all 0 without particles). */
export function slipPlaneCrss(p: i32, m1: f64, m2: f64): void {
  slipRadiusM = 0;
  slipSpacingM = 0;
  weakCrssPa = 0;
  strongCrssPa = 0;
  orowanCrssPa = 0;
  if (!(m1 > 0)) return;
  const r = (SQRT_TWO_THIRDS * m2) / m1;
  const L = Math.sqrt(LN3 / (2 * Math.PI * m1) + 2 * r * (2 * r)) - 2 * r;
  slipRadiusM = r;
  slipSpacingM = L;
  const logL = log(L / burgersM); // r_i = b
  const logRb = log(r / burgersM);
  const Tw = tensionPerLog * (logL + LN_WEAK_CUTOFF);
  const Ts = tensionPerLog * logL;
  let count = 0;
  for (let k = 0; k < MAX_STRENGTH_TERMS; k++) {
    const at = TERMS + ((<usize>((p * MAX_STRENGTH_TERMS + k) * 3)) << 3);
    const type = <i32>load<f64>(at);
    if (type == 0) break;
    term(type, load<f64>(at, 8), load<f64>(at, 16), r, L, Tw, Ts, logRb);
    store<f64>(WEAK + ((<usize>k) << 3), clean(weakTerm));
    store<f64>(STRONG + ((<usize>k) << 3), clean(strongTerm));
    count++;
  }
  weakCrssPa = superposed(WEAK, count, EXPONENT);
  strongCrssPa = superposed(STRONG, count, EXPONENT);
  orowanCrssPa = clean((orowanPrefactor / L) * (logRb + LN2)); // ln(2r/r_i)
}
