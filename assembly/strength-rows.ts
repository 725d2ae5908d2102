// kawin's strength model over a run's recorded rows (shared/spec/strength.md §1-§7), after the run: per
// phase r_ss, L_s and the CRSS (strength.ts), τ_p and its mechanism; per row the combination over the
// phases, solid solution, base strength and the total. The host copies the rows' radius moments and matrix
// composition in, STRENGTH_CHUNK_ROWS at a time, and the results out. Why here and after the run: every
// phase's math of every step in the kernel, its five columns recorded and the host's per-row combination
// cost a run ~20 % of its engine time (bench/README.md, "Strength"); now only the kept rows are computed,
// with no per-row calls from the host and nothing more recorded during the run.
import { strengthPow } from './strength-math';
import { MAX_RUN_PHASES } from './run-inputs';
import {
  EXPONENT, orowanCrssPa, slipPlaneCrss, slipRadiusM, slipSpacingM, strongCrssPa, superposed, weakCrssPa,
} from './strength';
import { MAX_ELEMENTS } from './thermo-block';

/** Rows per call of strengthRows. */
export const STRENGTH_CHUNK_ROWS: i32 = 1024;
/** Columns per phase out: r_ss, L_s (m), weak, strong, Orowan CRSS (Pa), τ_p and M·τ_p (MPa). */
export const STRENGTH_PHASE_COLUMNS: i32 = 7;
/** Row columns out: τ_prec, σ_prec = M·τ_prec, σ_ss and σ_y, all MPa. */
export const STRENGTH_TOTAL_COLUMNS: i32 = 4;
// Exponent over phases when their mechanisms are mixed (some weak-pinning dominated, some not), §6.
const MIXED_EXPONENT: f64 = 1.4;
// Mechanism codes (src/engine/strength-types.ts MECHANISM).
const BYPASS: u8 = 0;
const WEAK: u8 = 1;
const STRONG: u8 = 2;

const N: i32 = STRENGTH_CHUNK_ROWS;
// Columns of N doubles: per phase M1 and M2, per solute x; then the phases' and the rows' results.
const MOMENTS: i32 = 0;
const SOLUTES: i32 = MOMENTS + 2 * MAX_RUN_PHASES;
const PHASE_OUT: i32 = SOLUTES + MAX_ELEMENTS;
const TOTALS: i32 = PHASE_OUT + STRENGTH_PHASE_COLUMNS * MAX_RUN_PHASES;
const COLUMNS: i32 = TOTALS + STRENGTH_TOTAL_COLUMNS;
const BLOCK: usize = memory.data(COLUMNS * N * 8, 16);
const MECHANISMS: usize = memory.data(MAX_RUN_PHASES * N, 16);
const TAUS: usize = memory.data(MAX_RUN_PHASES * 8, 16);
const THREE: usize = memory.data(3 * 8, 16);
const SOLUTE_WEIGHT: usize = memory.data(MAX_ELEMENTS * 8, 16);
const SOLUTE_EXPONENT: usize = memory.data(MAX_ELEMENTS * 8, 16);

let taylorFactor: f64 = 0;
let solutes: i32 = 0;

// @ts-ignore: decorator
@inline function column(c: i32): usize {
  return BLOCK + ((<usize>(c * N)) << 3);
}
// @ts-ignore: decorator
@inline function at(c: i32, i: i32): usize {
  return column(c) + ((<usize>i) << 3);
}

/** Where phase p's M1 column starts (M2 follows, N doubles on). */
export function strengthMomentsPtr(p: i32): usize {
  return column(MOMENTS + 2 * p);
}
/** Where solute k's mole-fraction column starts. */
export function strengthSolutePtr(k: i32): usize {
  return column(SOLUTES + k);
}
/** Where phase p's STRENGTH_PHASE_COLUMNS result columns start (consecutive, N doubles each). */
export function strengthPhasePtr(p: i32): usize {
  return column(PHASE_OUT + STRENGTH_PHASE_COLUMNS * p);
}
/** Where the STRENGTH_TOTAL_COLUMNS row columns start. */
export function strengthTotalsPtr(): usize {
  return column(TOTALS);
}
/** Where phase p's mechanism codes (one byte a row) start. */
export function strengthMechanismPtr(p: i32): usize {
  return MECHANISMS + <usize>(p * N);
}

/** Taylor factor M, base strength σ0 (Pa) and how many solutes the rows carry (strengthSolute each). */
export function strengthTotals(taylor: f64, basePa: f64, soluteCount: i32): void {
  taylorFactor = taylor;
  solutes = soluteCount;
  store<f64>(THREE, basePa);
}
/** Solute k's solid-solution weight w (Pa) and exponent a: σ_ss = Σ (w·x)^a (§7). */
export function strengthSolute(k: i32, weightPa: f64, exponent: f64): void {
  store<f64>(SOLUTE_WEIGHT + ((<usize>k) << 3), weightPa);
  store<f64>(SOLUTE_EXPONENT + ((<usize>k) << 3), exponent);
}

/**
 * τ_p of phase p in row i with its mechanism and results; returns 1 when weak pinning dominates. Exported
 * only so that binaryen keeps it a function of its own instead of inlining it into the row loop: in the
 * JS target V8 then optimizes it after its first calls, long before it would replace the whole loop (a
 * fresh JS kernel's first strengthRows took 53-61 ms of CPU instead of 62-76; WASM is unchanged).
 */
export function strengthPhaseRow(p: i32, i: i32): i32 {
  slipPlaneCrss(p, load<f64>(at(MOMENTS + 2 * p, i)), load<f64>(at(MOMENTS + 2 * p + 1, i)));
  const weak = weakCrssPa;
  const strong = strongCrssPa;
  const orowan = orowanCrssPa;
  // kawin quirk: without any shearing contribution weak = strong = 0, so τ_p = 0 even where Orowan is > 0
  const tau = Math.min(weak, Math.min(strong, orowan));
  const o = PHASE_OUT + STRENGTH_PHASE_COLUMNS * p;
  store<f64>(at(o, i), slipRadiusM);
  store<f64>(at(o + 1, i), slipSpacingM);
  store<f64>(at(o + 2, i), weak);
  store<f64>(at(o + 3, i), strong);
  store<f64>(at(o + 4, i), orowan);
  store<f64>(at(o + 5, i), tau / 1e6);
  store<f64>(at(o + 6, i), (taylorFactor * tau) / 1e6);
  store<u8>(MECHANISMS + <usize>(p * N + i), tau == orowan ? BYPASS : tau == weak ? WEAK : STRONG);
  store<f64>(TAUS + ((<usize>p) << 3), tau);
  // kawin quirk: "weak-dominated" is weak pinning being the largest of the three, not the one taken
  return weak > strong && weak > orowan ? 1 : 0;
}

/** σ_ss (Pa) of row i: w·x to the power 1 is w·x itself, bit for bit, so no power for the default exponents. */
function solidSolution(i: i32): f64 {
  let ss: f64 = 0;
  for (let k = 0; k < solutes; k++) {
    const wx = load<f64>(SOLUTE_WEIGHT + ((<usize>k) << 3)) * load<f64>(at(SOLUTES + k, i));
    const a = load<f64>(SOLUTE_EXPONENT + ((<usize>k) << 3));
    ss += a == 1 ? wx : strengthPow(wx, a);
  }
  return ss;
}

/** The first `count` rows of the block for `phases` phases (strengthBegin and strengthTerm set first). */
export function strengthRows(count: i32, phases: i32): void {
  for (let i = 0; i < count; i++) {
    let weakDominated = 0;
    for (let p = 0; p < phases; p++) weakDominated += strengthPhaseRow(p, i);
    // kawin quirk: phases that never formed count as not weak-dominated, so they can make the mix "mixed" (§6)
    const exponent = weakDominated == 0 || weakDominated == phases ? EXPONENT : MIXED_EXPONENT;
    const tauPrec = superposed(TAUS, phases, exponent);
    const ss = solidSolution(i);
    const precipitation = taylorFactor * tauPrec;
    store<f64>(THREE + 8, ss);
    store<f64>(THREE + 16, precipitation);
    store<f64>(at(TOTALS, i), tauPrec / 1e6);
    store<f64>(at(TOTALS + 1, i), precipitation / 1e6);
    store<f64>(at(TOTALS + 2, i), ss / 1e6);
    store<f64>(at(TOTALS + 3, i), superposed(THREE, 3, EXPONENT) / 1e6);
  }
}
