// Checks of a request's output block that JSON Schema cannot express.
import type { RawRequest } from './normalize.js';

export interface OutputIssue {
  path: string;
  message: string;
}

/** Size-distribution times: ascending, each within the simulated time. */
export function outputIssues(raw: RawRequest): OutputIssue[] {
  const times = raw.output?.size_distribution_times_hours ?? [];
  const endHours = raw.simulation_time_hours;
  const issues: OutputIssue[] = [];
  times.forEach((hours, i) => {
    const path = `/output/size_distribution_times_hours/${i}`;
    if (hours > endHours) {
      issues.push({ path, message: `is ${hours} h, past the simulated time (${endHours} h)` });
    } else if (i > 0 && !(hours > times[i - 1])) {
      issues.push({ path, message: `must be greater than the previous time (${times[i - 1]} h)` });
    }
  });
  return issues;
}
