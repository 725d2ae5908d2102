// What a pool's worker thread computes from each finished run, by name: a sweep's row, or (another
// module) a calibration's observables. Only the extracted value crosses back to the parent, never the
// run's series. An extractor module exports `extractor`; the pool maps names to module URLs.
import type { SimulationResult } from '../engine/index.js';

export interface ExtractorTask<Params = unknown> {
  /** The task's position in its batch. */
  index: number;
  /** The extractor's own parameters (structured-cloneable), e.g. the run's axis values. */
  params: Params;
}

export interface RunExtractor<Params = unknown, Value = unknown> {
  name: string;
  extract(result: SimulationResult, task: ExtractorTask<Params>): Value | Promise<Value>;
}

/** The sweep row's extractor (params: the run's axis values, number[]). */
export const SWEEP_ROW_EXTRACTOR = 'sweep-row';

/** The extractors every pool knows: name → module URL (each module exports `extractor`). */
export const BUILTIN_EXTRACTORS: Readonly<Record<string, string>> = {
  [SWEEP_ROW_EXTRACTOR]: new URL('./sweep-row-extractor.js', import.meta.url).href,
};
