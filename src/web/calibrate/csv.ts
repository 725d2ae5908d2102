// Measurements pasted or uploaded as CSV: one measurement a line, `time_h, value, sd` (sd optional: the
// calibration then takes 5 % of the value). Commas, semicolons, tabs or spaces separate; a first line of
// column names and lines starting with # are skipped. A problem names its line (1-based, as an editor
// counts them) and its column.
import type { Observable } from '../../request/calibration-schema.js';

export interface Measurement {
  timeHours: number;
  value: number;
  sd?: number;
}

export type MeasurementsParse =
  { ok: true; measurements: Measurement[] } | { ok: false; line: number; message: string };

const COLUMNS = ['time_h', 'value', 'sd'] as const;

/** A line of column names (a header), not data: its first field is not a number. */
const isHeader = (fields: string[]) => fields.length > 0 && !/^[-+.\d]/.test(fields[0]);

function fieldsOf(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed === '') return [];
  return trimmed.split(/\s*[,;\t]\s*|\s+/);
}

function lineProblem(fields: string[], quantity: Observable): string | Measurement {
  if (fields.length < 2 || fields.length > 3)
    return `expected 2 or 3 values (time_h, value, sd), found ${fields.length}`;
  const numbers = fields.map(Number);
  const bad = numbers.findIndex((n) => !Number.isFinite(n));
  if (bad >= 0) return `${COLUMNS[bad]} '${fields[bad]}' is not a number`;
  const [timeHours, value, sd] = numbers;
  if (timeHours < 0) return `time_h ${timeHours} is negative`;
  if (quantity === 'volume_fraction' ? value < 0 || value > 1 : value <= 0)
    return `value ${value} is out of range for ${quantity} (${quantity === 'volume_fraction' ? '0 to 1' : 'above 0'})`;
  if (sd !== undefined && sd <= 0) return `sd ${sd} must be above 0`;
  return { timeHours, value, ...(sd !== undefined && { sd }) };
}

export function parseMeasurements(text: string, quantity: Observable): MeasurementsParse {
  const measurements: Measurement[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = fieldsOf(lines[i]);
    if (fields.length === 0 || fields[0].startsWith('#')) continue;
    if (measurements.length === 0 && isHeader(fields)) continue;
    const parsed = lineProblem(fields, quantity);
    if (typeof parsed === 'string') return { ok: false, line: i + 1, message: `line ${i + 1}: ${parsed}` };
    measurements.push(parsed);
  }
  if (measurements.length === 0)
    return { ok: false, line: 1, message: 'no measurements: paste lines of time_h, value, sd' };
  return { ok: true, measurements };
}

/** Measurements back as CSV (the example preset fills the text box with this). */
export function measurementsCsv(measurements: Measurement[]): string {
  const lines = measurements.map((m) =>
    [m.timeHours, m.value, ...(m.sd !== undefined ? [m.sd] : [])].join(', '),
  );
  return ['time_h, value, sd', ...lines].join('\n');
}
