// The module's inputs for kawin's strength model (assembly/strength.ts and strength-rows.ts, which compute
// every recorded row after the run): the dislocation, per phase the contributions that apply, the Taylor
// factor, the base strength and the solid-solution weights.
import type { KernelStrengthModel } from '../kernel/types.js';
import type { ContributionType, StrengthConfig, StrengthContribution } from '../request/strength.js';
import type { SimulationConfig } from '../request/validate.js';

/** assembly/strength.ts's contribution codes. */
const TERM_CODES: Record<ContributionType, number> = {
  coherency: 1,
  modulus: 2,
  anti_phase_boundary: 3,
  stacking_fault: 4,
  interfacial: 5,
};

/** [code, a, c]: the parameters in SI units, as strengthTerm takes them. */
function termOf(c: StrengthContribution): [number, number, number] {
  const code = TERM_CODES[c.type];
  switch (c.type) {
    case 'coherency':
      return [code, c.misfit_strain!, 0];
    case 'modulus':
      return [code, c.precipitate_shear_modulus_gpa! * 1e9, 0];
    case 'stacking_fault':
      return [code, c.matrix_energy_j_per_m2!, c.precipitate_energy_j_per_m2!];
    default:
      return [code, c.energy_j_per_m2!, 0];
  }
}

/**
 * The contributions that apply to a phase, in kawin's order. kawin quirk: of two contributions of one type
 * that apply to a phase, the later one wins, phase-specific or not ("phase-specific first" is always true).
 */
export function phaseContributions(
  contributions: StrengthContribution[],
  phase: string,
): StrengthContribution[] {
  const byType = new Map<string, StrengthContribution>();
  for (const c of contributions) if (c.phase === undefined || c.phase === phase) byType.set(c.type, c);
  return [...byType.values()];
}

/** What the module needs for kawin's model `s` over rows of these phases and solutes (in the rows' order). */
export function kernelStrengthModel(
  config: SimulationConfig,
  s: StrengthConfig,
  phases: string[],
  solutes: string[],
): KernelStrengthModel {
  const d = config.dislocation;
  const { weights_pa: weights, exponents } = s.solid_solution;
  return {
    shearModulusPa: d.shear_modulus_gpa * 1e9,
    burgersM: d.burgers_vector_nm * 1e-9,
    poisson: d.poisson_ratio,
    terms: phases.map((phase) => phaseContributions(s.contributions, phase).map(termOf)),
    taylorFactor: config.taylor_factor,
    baseStrengthPa: s.base_strength_mpa * 1e6,
    solutes: solutes.map((element) => ({
      weightPa: weights[element as keyof typeof weights] ?? 0,
      exponent: exponents[element as keyof typeof exponents] ?? 1,
    })),
  };
}
