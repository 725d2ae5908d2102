// The run pool's extractor for a calibration (src/sweep/pool.ts): only the model's values at the
// measurements and its curves cross back from the engine thread, never the run's series.
import type { RunExtractor } from '../sweep/extractor.js';
import { observe, type ObservableSpec, type ObservedRun } from './observables.js';

export const CALIBRATION_EXTRACTOR = 'calibration-observables';

export const extractor: RunExtractor<ObservableSpec, ObservedRun> = {
  name: CALIBRATION_EXTRACTOR,
  extract: (result, task) => observe(result, task.params),
};
