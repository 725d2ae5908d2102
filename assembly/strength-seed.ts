// The particles' shape and the seed service's strength (kwn.md §13) over a run's recorded rows, after the
// run: per phase the mean diameter, the aspect ratio (prefactor·d^exponent, d in nm) and the major axis
// (both models), and for the seed model the Orowan CRSS from the mean radius and volume fraction and M·τ;
// per row the phases' sum of τ and M times it. The host copies the rows' mean radii and volume fractions
// in, SEED_CHUNK_ROWS at a time, and the results out. Why here: the seed run's ~80,000 pow and log
// were each a call from the host, ~8 ms per run (bench/README.md, issue 17 round 3); these are math.ts's
// pow and log, the functions the host called, so every result keeps its bits.
import { exp, log, pow, powIsExpLog } from './math';
import { MAX_RUN_PHASES } from './run-inputs';

/** Columns per phase out: diameter, aspect ratio, major axis (nm, 1, nm); τ and M·τ (MPa, seed model only). */
export const SEED_PHASE_COLUMNS: i32 = 5;
/** Row columns out (seed model only): Σ τ over the phases and M·Σ τ, MPa. */
export const SEED_TOTAL_COLUMNS: i32 = 2;

/** Rows per call of seedStrengthRows (fewer than kawin's model's chunk: the module's static memory is full). */
export const SEED_CHUNK_ROWS: i32 = 512;
const N: i32 = SEED_CHUNK_ROWS;
// Columns of N doubles: per phase the mean radius and the volume fraction; then the phases' and rows' results.
const RADII: i32 = 0;
const FRACTIONS: i32 = RADII + MAX_RUN_PHASES;
const PHASE_OUT: i32 = FRACTIONS + MAX_RUN_PHASES;
const TOTALS: i32 = PHASE_OUT + SEED_PHASE_COLUMNS * MAX_RUN_PHASES;
const BLOCK: usize = memory.data((TOTALS + SEED_TOTAL_COLUMNS) * N * 8, 16);

let ratioPrefactor: f64 = 0;
let ratioExponent: f64 = 0;
let lineTensionNPerM: f64 = 0;
let angular: f64 = 0;
let burgersM: f64 = 0;
let taylorFactor: f64 = 0;

// @ts-ignore: decorator
@inline function at(c: i32, i: i32): usize {
  return BLOCK + ((<usize>(c * N + i)) << 3);
}

/** Where phase p's mean-radius column starts (its volume fractions: seedFractionPtr). */
export function seedRadiusPtr(p: i32): usize {
  return at(RADII + p, 0);
}
export function seedFractionPtr(p: i32): usize {
  return at(FRACTIONS + p, 0);
}
/** Where phase p's SEED_PHASE_COLUMNS result columns start (consecutive, N doubles each). */
export function seedPhasePtr(p: i32): usize {
  return at(PHASE_OUT + SEED_PHASE_COLUMNS * p, 0);
}
/** Where the SEED_TOTAL_COLUMNS row columns start. */
export function seedTotalsPtr(): usize {
  return at(TOTALS, 0);
}

/** The aspect-ratio law, the matrix's G (GPa), b (nm) and ν, and the Taylor factor M for the rows to come. */
export function seedStrengthBegin(
  prefactor: f64, exponent: f64, shearModulusGpa: f64, burgersNm: f64, poisson: f64, taylor: f64,
): void {
  ratioPrefactor = prefactor;
  ratioExponent = exponent;
  burgersM = burgersNm * 1e-9;
  lineTensionNPerM = shearModulusGpa * 1e9 * burgersM;
  angular = 2 * Math.PI * Math.sqrt(1 - poisson);
  taylorFactor = taylor;
}

/** Orowan CRSS (Pa) of one phase from its mean radius (m) and volume fraction; 0 where either is undefined. */
export function seedOrowanCrss(meanRadiusM: f64, volumeFraction: f64): f64 {
  const spacingM = meanRadiusM * (Math.sqrt((2 * Math.PI) / (3 * volumeFraction)) - 2);
  if (!(isFinite<f64>(spacingM) && spacingM > 0)) return 0;
  // inner cut-off radius r_i = b
  const tau = (lineTensionNPerM / (angular * spacingM)) * log((2 * meanRadiusM) / burgersM);
  return isFinite<f64>(tau) ? tau : 0;
}

/**
 * The first `count` rows of the block for `phases` phases: the shapes, and with `orowan` ≠ 0 the seed
 * model's τ per phase and the rows' totals. A phase without particles (mean radius 0) gets 0 everywhere.
 * Column by column, one function per loop: each row's log and exp are a chain of ~13 dependent steps, and
 * a short loop lets the processor run several rows' chains at once (one row's pow and log after another
 * ran ~70 ns a phase and row, one chain at a time).
 */
export function seedStrengthRows(count: i32, phases: i32, orowan: i32): void {
  for (let p = 0; p < phases; p++) {
    const o = PHASE_OUT + SEED_PHASE_COLUMNS * p;
    shapes(count, RADII + p, o);
    if (orowan != 0) crss(count, RADII + p, FRACTIONS + p, o + 3);
  }
  if (orowan != 0) totals(count, phases);
}

/** Diameter, aspect ratio and major axis into columns o, o + 1, o + 2 from the radii in column r. */
function shapes(count: i32, r: i32, o: i32): void {
  const expLog = powIsExpLog(ratioExponent);
  for (let i = 0; i < count; i++) {
    const radiusM = load<f64>(at(r, i));
    const d = radiusM != 0 ? 2 * radiusM * 1e9 : 0;
    store<f64>(at(o, i), d);
    // the ratio's log first, for every row (pow(d, y) is exp(y·log d) for d > 0 unless y is whole)
    store<f64>(at(o + 1, i), d > 0 && expLog ? log(d) : 0);
  }
  for (let i = 0; i < count; i++) {
    const d = load<f64>(at(o, i));
    let ratio: f64 = 0;
    if (d > 0) ratio = ratioPrefactor * (expLog ? exp(ratioExponent * load<f64>(at(o + 1, i))) : pow(d, ratioExponent));
    store<f64>(at(o + 1, i), ratio);
    store<f64>(at(o + 2, i), ratio * d);
  }
}

/** τ and M·τ (MPa) into columns o, o + 1 from the radii in column r and the volume fractions in column f. */
function crss(count: i32, r: i32, f: i32, o: i32): void {
  for (let i = 0; i < count; i++) {
    const radiusM = load<f64>(at(r, i));
    let tau: f64 = 0;
    let strength: f64 = 0;
    if (radiusM != 0) {
      tau = seedOrowanCrss(radiusM, load<f64>(at(f, i))) / 1e6;
      strength = taylorFactor * tau;
    }
    store<f64>(at(o, i), tau);
    store<f64>(at(o + 1, i), strength);
  }
}

/** Σ τ over the phases, in phase order, and M times it. */
function totals(count: i32, phases: i32): void {
  for (let i = 0; i < count; i++) {
    let total: f64 = 0;
    for (let p = 0; p < phases; p++) {
      if (load<f64>(at(RADII + p, i)) != 0) total += load<f64>(at(PHASE_OUT + SEED_PHASE_COLUMNS * p + 3, i));
    }
    store<f64>(at(TOTALS, i), total);
    store<f64>(at(TOTALS + 1, i), taylorFactor * total);
  }
}
