// The map's keyboard cursor (src/web/map/cursor.ts): steps, and the map's edges hold it.
import test from 'ava';
import { moveCursor, startCursor } from '../../src/web/map/cursor.js';

test('the cursor starts half-way up the log time axis and steps a quarter decade per key', (t) => {
  const start = startCursor(100);
  t.deepEqual(start.column, 0);
  t.true(Math.abs(start.hours - 1) < 1e-12, String(start.hours)); // 100 h span: 0.01 h … 100 h
  let at = start;
  for (let i = 0; i < 4; i++) at = moveCursor(at, 'ArrowUp', 30, 100)!;
  t.true(Math.abs(at.hours - 10) < 1e-12, String(at.hours));
  t.is(moveCursor(at, 'ArrowRight', 30, 100)?.column, 1);
  t.is(moveCursor(at, 'End', 30, 100)?.column, 29);
  t.is(moveCursor(at, 'a', 30, 100), undefined, 'other keys do not move it');
});

test('the edges of the map hold the cursor', (t) => {
  t.is(moveCursor({ column: 0, hours: 1 }, 'ArrowLeft', 5, 10)?.column, 0);
  t.is(moveCursor({ column: 4, hours: 1 }, 'ArrowRight', 5, 10)?.column, 4);
  t.is(moveCursor({ column: 2, hours: 9 }, 'ArrowUp', 5, 10)?.hours, 10);
  t.is(moveCursor({ column: 2, hours: 1.1e-3 }, 'ArrowDown', 5, 10)?.hours, 1e-3);
  t.is(moveCursor({ column: 2, hours: 1 }, 'Home', 5, 10)?.column, 0);
});
