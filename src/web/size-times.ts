// The size-distribution times the page asks for, for server runs and the preview alike (no uPlot here: the
// preview worker imports it).
import type { SimulationRequest } from '../request/validate.js';

/** Times as fractions of the simulated time (the final state always comes). */
const TIME_FRACTIONS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.6];

/** The request's output field for the page's runs: distributions at a few log-spaced times. */
export function sizeDistributionTimes(simulationHours: number): number[] {
  if (!Number.isFinite(simulationHours) || simulationHours <= 0) return [];
  return [...new Set(TIME_FRACTIONS.map((f) => Number((f * simulationHours).toPrecision(3))))];
}

/**
 * The request with the page's size-distribution times when it asks for none: the preview takes the same
 * snapshots as a server run of the form (taking them changes no step, so the preview's bits stay the
 * server's).
 */
export function withPageSizeTimes(request: SimulationRequest): SimulationRequest {
  if (request.output?.size_distribution_times_hours) return request;
  const times = sizeDistributionTimes(request.simulation_time_hours);
  if (times.length === 0) return request;
  return { ...request, output: { ...request.output, size_distribution_times_hours: times } };
}
