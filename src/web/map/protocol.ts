// Messages between the Map view and its Web Workers: each worker runs one temperature at a time and
// answers with that run's sweep row (src/sweep/row.ts), curves included, as the server's workers do.
import type { SimulationRequest } from '../../request/validate.js';
import type { SweepRow } from '../../sweep/row.js';

export type ToMapWorker = { type: 'run'; index: number; axisValues: number[]; request: SimulationRequest };

export type FromMapWorker =
  | { type: 'ready'; setupMs: number }
  | { type: 'row'; index: number; row: SweepRow }
  | { type: 'error'; index: number; message: string };
