// The pool extractor that turns a run into its sweep row (row.ts).
import type { RunExtractor } from './extractor.js';
import { SWEEP_ROW_EXTRACTOR } from './extractor.js';
import { sweepRow, type SweepRow } from './row.js';

export const extractor: RunExtractor<number[], SweepRow> = {
  name: SWEEP_ROW_EXTRACTOR,
  extract: (result, task) => sweepRow(result, task.index, task.params),
};
