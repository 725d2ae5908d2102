// The map's keyboard cursor: a temperature column and a time, moved by arrow keys (Left/Right one
// temperature, Up/Down a quarter decade of time, Home/End the first/last temperature), so that reading the
// map and opening a run need no pointer.
import { minHoursOf } from './draw.js';

export interface MapCursor {
  column: number;
  hours: number;
}

/** A quarter decade: four key presses per decade of the log time axis. */
const TIME_STEP = 10 ** 0.25;

/** Where the cursor starts: the first temperature, half-way up the log time axis. */
export function startCursor(spanHours: number): MapCursor {
  return { column: 0, hours: Math.sqrt(minHoursOf(spanHours) * spanHours) };
}

/** The cursor after `key`, or undefined when the key does not move it. */
export function moveCursor(
  cursor: MapCursor,
  key: string,
  columns: number,
  spanHours: number,
): MapCursor | undefined {
  const clampHours = (h: number) => Math.min(spanHours, Math.max(minHoursOf(spanHours), h));
  const column = (c: number) => ({ ...cursor, column: Math.min(columns - 1, Math.max(0, c)) });
  switch (key) {
    case 'ArrowLeft':
      return column(cursor.column - 1);
    case 'ArrowRight':
      return column(cursor.column + 1);
    case 'Home':
      return column(0);
    case 'End':
      return column(columns - 1);
    case 'ArrowUp':
      return { ...cursor, hours: clampHours(cursor.hours * TIME_STEP) };
    case 'ArrowDown':
      return { ...cursor, hours: clampHours(cursor.hours / TIME_STEP) };
    default:
      return undefined;
  }
}
