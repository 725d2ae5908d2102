// The Calibrate view's example: AA6063 aged at 175 °C, yield strength with standard deviations, as in
// tests/fixtures/experiments/sekhar19-6063-175C.json (tests/web/calibrate-parts.test.ts keeps the two equal).
import type { Measurement } from './csv.js';

export const EXAMPLE = {
  name: 'AA6063 175 °C (Sekhar et al. 2019)',
  source: 'Sekhar et al. 2019 (AA6063: Al-0.5Mg-0.435Si-0.178Fe-…)',
  composition: { MG: 0.5, SI: 0.435 },
  composition_unit: 'weight_percent' as const,
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  quantity: 'yield_strength_mpa' as const,
  /** β′ and β″, as examples/calibration/aa6063-175C-kawin.json: the view's example is that document. */
  phases: ['MGSI_B_P', 'MG5SI6_B_DP'],
};

/** [time_h, yield strength MPa, sd MPa]. */
const ROWS: [number, number, number][] = [
  [0.5, 94.1, 2.5],
  [1, 155.9, 3.8],
  [1.5, 151.5, 2.8],
  [2, 172.2, 4.5],
  [2.5, 181.3, 4.8],
  [3, 176.3, 5.4],
  [4, 227.3, 5.3],
  [6, 246.5, 6.8],
  [8, 264.3, 7.4],
  [12, 243.6, 5.1],
  [24, 216.7, 6.7],
  [48, 227.3, 6.0],
  [72, 216.5, 6.1],
  [96, 207.5, 6.8],
  [120, 192.3, 6.2],
  [168, 174.4, 5.2],
  [336, 137.6, 4.1],
  [504, 103.3, 2.8],
];

export const EXAMPLE_MEASUREMENTS: Measurement[] = ROWS.map(([timeHours, value, sd]) => ({
  timeHours,
  value,
  sd,
}));
