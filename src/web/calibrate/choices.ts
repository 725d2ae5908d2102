// The parameters the Calibrate view offers: JSON pointers into the request's config with default bounds
// a metallurgist would start from (those of examples/calibration/aa6063-175C-kawin.json). The strength
// constants of kawin's model need that model's contributions in the config: the view adds them
// (KAWIN_STRENGTH) when the form's config has none.
export interface ParameterChoice {
  name: string;
  label: string;
  path: string | string[];
  min: number;
  max: number;
  scale: 'linear' | 'log';
  /** Needs config.strength in kawin's form (contributions by index). */
  kawinStrength?: boolean;
  /** Ticked when the view opens. */
  chosen: boolean;
}

export const PARAMETER_CHOICES: ParameterChoice[] = [
  {
    name: 'beta_double_prime_energy',
    label: 'β″ interfacial energy (J/m²)',
    path: '/config/interfacial_energy/MG5SI6_B_DP',
    min: 0.03,
    max: 0.3,
    scale: 'log',
    chosen: true,
  },
  {
    name: 'beta_prime_energy',
    label: 'β′ interfacial energy (J/m²)',
    path: '/config/interfacial_energy/MGSI_B_P',
    min: 0.05,
    max: 0.4,
    scale: 'log',
    chosen: true,
  },
  {
    name: 'mobility_factor',
    label: 'Mg/Si mobility factor',
    path: ['/config/mobility_factor/MG', '/config/mobility_factor/SI'],
    min: 0.01,
    max: 100,
    scale: 'log',
    chosen: true,
  },
  {
    name: 'site_factor',
    label: 'Nucleation-site factor (β′, β″)',
    path: ['/config/nucleation_site_factor/MGSI_B_P', '/config/nucleation_site_factor/MG5SI6_B_DP'],
    min: 1e-6,
    max: 1,
    scale: 'log',
    chosen: false,
  },
  {
    name: 'misfit_strain',
    label: 'Misfit strain (kawin strength)',
    path: '/config/strength/contributions/0/misfit_strain',
    min: 0.002,
    max: 0.1,
    scale: 'log',
    kawinStrength: true,
    chosen: true,
  },
  {
    name: 'precipitate_shear_modulus_gpa',
    label: 'Precipitate shear modulus (GPa, kawin strength)',
    path: '/config/strength/contributions/1/precipitate_shear_modulus_gpa',
    min: 10,
    max: 150,
    scale: 'linear',
    kawinStrength: true,
    chosen: false,
  },
  {
    name: 'base_strength_mpa',
    label: 'Base strength σ₀ (MPa)',
    path: '/config/strength/base_strength_mpa',
    min: 0,
    max: 150,
    scale: 'linear',
    chosen: true,
  },
];

/** kawin's strength model with its coherency and modulus contributions (misfit 0.025, 50 GPa). */
export const KAWIN_STRENGTH = {
  model: 'kawin',
  contributions: [
    { type: 'coherency', misfit_strain: 0.025 },
    { type: 'modulus', precipitate_shear_modulus_gpa: 50 },
  ],
};
