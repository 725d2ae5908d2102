// One phase's critical resolved shear stresses in kawin's strength model (shared/spec/strength.md §1-§5):
// the slip-plane radius and spacing from the distribution's moments, the weak- and strong-pinning CRSS of
// each shearing contribution, Orowan bypass and their combination. SI units throughout (m, Pa, N).
import type { SimulationConfig } from '../request/validate.js';
import type { ContributionType, StrengthContribution } from '../request/strength.js';
import type { KernelMath } from '../kernel/types.js';

/** Superposition exponent of the contributions of one phase and of the three totals (§5, §7). */
export const SUPERPOSITION_EXPONENT = 1.8;
// An edge dislocation (θ = 90°) bent by ψ = 120° (§2): sin²θ, cos²θ, cos 2θ and cos(ψ/2) of the doubles
// nearest those angles, as kawin evaluates them (numpy), written out: Math.sin/cos differ between engines.
const SIN2 = 1;
const COS2 = 3.749399456654644e-33;
const COS_2THETA = -1;
const COS_HALF_PSI = 0.5000000000000001;
const SQRT_TWO_THIRDS = Math.sqrt(2 / 3);
const LN3 = 1.0986122886681098;
/** ln(1/√cos(ψ/2)) = ln 2 / 2: the weak-pinning cut-off L_s/√cos(ψ/2) in the line tension's logarithm. */
const LN_WEAK_CUTOFF = 0.34657359027997264;
/** y^(3/2), NaN for y < 0 as pow gives it. */
const threeHalves = (y: number) => y * Math.sqrt(y);

export interface Dislocation {
  shearModulusPa: number;
  burgersM: number;
  poisson: number;
  /** Inner cut-off radius r_i = b. */
  coreRadiusM: number;
  /** G·b²/(4π)·(1 + ν − 3ν·sin²θ)/(1 − ν): the line tension over ln(r0/r_i). */
  tensionPerLog: number;
  /** G·b/(2π·√(1 − ν)): Orowan's stress times the spacing over ln(2r/r_i). */
  orowanPrefactor: number;
}

export function dislocationOf(d: SimulationConfig['dislocation']): Dislocation {
  const G = d.shear_modulus_gpa * 1e9;
  const b = d.burgers_vector_nm * 1e-9;
  const nu = d.poisson_ratio;
  return {
    shearModulusPa: G,
    burgersM: b,
    poisson: nu,
    coreRadiusM: b,
    tensionPerLog: (((G * b * b) / (4 * Math.PI)) * (1 + nu - 3 * nu * SIN2)) / (1 - nu),
    orowanPrefactor: (G * b) / (2 * Math.PI * Math.sqrt(1 - nu)),
  };
}

/** r_ss (m) and L_s (m) from M1 (1/m²) and M2 (1/m), both 0 without particles (§1). */
export function slipPlaneGeometry(m1: number, m2: number, out: Float64Array): void {
  if (!(m1 > 0)) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const r = (SQRT_TWO_THIRDS * m2) / m1;
  out[0] = r;
  out[1] = Math.sqrt(LN3 / (2 * Math.PI * m1) + 2 * r * (2 * r)) - 2 * r;
}

/** Weak and strong CRSS (Pa) of one contribution at radius r and spacing L, line tensions T_w and T_s. */
type Term = (r: number, L: number, Tw: number, Ts: number, out: Float64Array) => void;

const cube = (x: number) => x * x * x;

function termOf(c: StrengthContribution, d: Dislocation, math: KernelMath): Term {
  const { shearModulusPa: G, burgersM: b, poisson: nu } = d;
  const { pow } = math;
  const t = c.type as ContributionType;
  if (t === 'coherency') {
    const eps = c.misfit_strain!;
    const weakFactor = 1.3416 * COS2 + 4.1127 * SIN2;
    const strongFactor = 2 * COS2 + 2.1352 * SIN2;
    return (r, L, Tw, Ts, out) => {
      out[0] = (weakFactor / L) * Math.sqrt((b * cube(G * eps * r)) / Tw);
      out[1] = (strongFactor / L) * Math.sqrt(Math.sqrt(G * eps * r * cube(Ts / b)));
    };
  }
  if (t === 'modulus') {
    const k = 0.05 * Math.abs(G - c.precipitate_shear_modulus_gpa! * 1e9);
    return (r, L, Tw, _Ts, out) => {
      const F = k * pow(r / b, 0.85) * b * b;
      out[0] = ((2 * Tw) / (b * L)) * threeHalves(F / (2 * Tw));
      out[1] = F / (b * L);
    };
  }
  if (t === 'anti_phase_boundary') {
    const g = c.energy_j_per_m2!;
    const [s, beta, V] = [2, 1, 2.8];
    return (r, L, Tw, Ts, out) => {
      const bowing = 2 * Tw * threeHalves((r * g) / Tw) - (16 * beta * g * r * r) / (3 * Math.PI * L);
      out[0] = (2 / (s * b * L)) * bowing;
      out[1] = (0.69 / (b * L)) * Math.sqrt((8 * V * Ts * r * g) / 3);
    };
  }
  if (t === 'stacking_fault') {
    const [m, p] = [c.matrix_energy_j_per_m2!, c.precipitate_energy_j_per_m2!];
    const K = (G * b * b * (2 - nu - 2 * nu * COS_2THETA)) / (8 * Math.PI * (1 - nu));
    const W = (2 * K) / (m + p);
    return (r, L, Tw, _Ts, out) => {
      const F = 2 * (m - p) * Math.sqrt(W * r - (W * W) / 4);
      out[0] = ((2 * Tw) / (b * L)) * threeHalves(F / (2 * Tw));
      out[1] = F / (b * L);
    };
  }
  const g = c.energy_j_per_m2!; // interfacial
  return (_r, L, Tw, _Ts, out) => {
    out[0] = ((2 * Tw) / (b * L)) * threeHalves((g * b) / Tw);
    out[1] = (2 * g) / L;
  };
}

/**
 * The terms that apply to a phase, in kawin's order. kawin quirk: of two contributions of one type that
 * apply to a phase, the later one wins, phase-specific or not ("phase-specific first" is always true).
 */
export function phaseTerms(
  contributions: StrengthContribution[],
  phase: string,
  d: Dislocation,
  math: KernelMath,
): Term[] {
  const byType = new Map<string, StrengthContribution>();
  for (const c of contributions) if (c.phase === undefined || c.phase === phase) byType.set(c.type, c);
  return [...byType.values()].map((c) => termOf(c, d, math));
}

/** x where x is ≥ 0 and finite, else 0 (kawin's clean-up of every CRSS). */
export const clean = (x: number) => (x >= 0 && x < Infinity ? x : 0);

/**
 * One phase at one row (§3-§5): out = [weakSum, strongSum, τ_Or] in Pa; `scratch` holds ≥ 2 doubles.
 */
export function phaseCrss(
  r: number,
  L: number,
  terms: Term[],
  d: Dislocation,
  scratch: Float64Array,
  out: Float64Array,
  math: KernelMath,
): void {
  const { weak, strong } = scratchTerms;
  const logL = math.log(L / d.coreRadiusM);
  const tensionWeak = d.tensionPerLog * (logL + LN_WEAK_CUTOFF);
  const tensionStrong = d.tensionPerLog * logL;
  for (let k = 0; k < terms.length; k++) {
    terms[k](r, L, tensionWeak, tensionStrong, scratch);
    weak[k] = clean(scratch[0]);
    strong[k] = clean(scratch[1]);
  }
  out[0] = superpose(weak, SUPERPOSITION_EXPONENT, math, terms.length);
  out[1] = superpose(strong, SUPERPOSITION_EXPONENT, math, terms.length);
  out[2] = clean((d.orowanPrefactor / L) * math.log((2 * r) / d.coreRadiusM));
}

/** Each term's cleaned weak and strong CRSS of the row being combined (at most one per contribution type). */
const scratchTerms = { weak: new Float64Array(8), strong: new Float64Array(8) };

/**
 * (Σ x^k)^(1/k) over the first `count` values (all ≥ 0), 0 when they are all 0, the value itself when it is
 * the only one above 0 (the same within an ulp, without two pow calls: this runs for every phase and row).
 */
export function superpose(
  values: ArrayLike<number>,
  exponent: number,
  { pow }: KernelMath,
  count = values.length,
): number {
  let nonzero = 0;
  let only = 0;
  for (let k = 0; k < count; k++) {
    if (values[k] > 0) {
      nonzero++;
      only = values[k];
    }
  }
  if (nonzero <= 1) return only;
  let sum = 0;
  for (let k = 0; k < count; k++) if (values[k] > 0) sum += pow(values[k], exponent);
  return clean(pow(sum, 1 / exponent));
}
