// kawin quirk: three gas constants (thermo.md §1.5, kwn.md §1), each used exactly where kawin and pycalphad use it.

/**
 * pycalphad's v.R: ideal mixing of every CALPHAD phase, the mobility prefactor/exponent, and every R inside
 * a database expression (pycalphad substitutes it while parsing; a FUNCTION R is never used). J/(mol K)
 */
export const R_PYCALPHAD = 8.3145;
/** kawin's GAS_CONSTANT: tracer diffusivity D* = R T M and Boltzmann's constant. J/(mol K) */
export const R_KAWIN = 8.314;
/** kawin's Avogadro constant. 1/mol */
export const AVOGADRO = 6.022e23;
/** kawin's Boltzmann constant, R_KAWIN / AVOGADRO. J/K */
export const BOLTZMANN = R_KAWIN / AVOGADRO;
/** pycalphad's smallest site fraction: logarithms are taken of max(y, this). */
export const MIN_SITE_FRACTION = 1e-14;
