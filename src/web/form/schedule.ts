// The temperature-profile editor's model: rows of (hours, °C) as the user typed them, and the T(t) curve
// the small preview chart draws. Pure functions; the DOM side is in render.ts.

export interface ProfileRow {
  hours: string;
  celsius: string;
}

/** A new point after the last one: one hour later at the same temperature (a hold the user then edits). */
export function addRow(rows: readonly ProfileRow[]): ProfileRow[] {
  const last = rows[rows.length - 1];
  if (!last) return [{ hours: '0', celsius: '180' }];
  const lastHours = Number(last.hours);
  const hours = last.hours.trim() !== '' && Number.isFinite(lastHours) ? String(lastHours + 1) : '';
  return [...rows, { hours, celsius: last.celsius }];
}

/** Every row but `index`; the profile keeps at least one point (the schema's minimum). */
export function removeRow(rows: readonly ProfileRow[], index: number): ProfileRow[] {
  if (rows.length <= 1 || index < 0 || index >= rows.length) return [...rows];
  return rows.filter((_, i) => i !== index);
}

export function updateRow(
  rows: readonly ProfileRow[],
  index: number,
  change: Partial<ProfileRow>,
): ProfileRow[] {
  return rows.map((row, i) => (i === index ? { ...row, ...change } : row));
}

export function rowsFromProfile(profile: {
  time_points_hours: readonly number[];
  temperatures_celsius: readonly number[];
}): ProfileRow[] {
  const count = Math.max(profile.time_points_hours.length, profile.temperatures_celsius.length);
  return Array.from({ length: count }, (_, i) => ({
    hours: textOf(profile.time_points_hours[i]),
    celsius: textOf(profile.temperatures_celsius[i]),
  }));
}

const textOf = (value: number | undefined) => (value === undefined ? '' : String(value));

export interface ProfileCurve {
  hours: number[];
  celsius: number[];
}

/**
 * T(t) as the engine applies it: linear between points, held flat before the first and after the last,
 * drawn to the end of the simulation. Rows that are not (yet) numbers are skipped.
 */
export function profileCurve(rows: readonly ProfileRow[], simulationHours: number): ProfileCurve {
  const points = rows
    .map((r) => ({ t: Number(r.hours), c: Number(r.celsius) }))
    .filter(
      (p, i) =>
        rows[i].hours.trim() !== '' && rows[i].celsius.trim() !== '' && isFinite(p.t) && isFinite(p.c),
    );
  if (points.length === 0) return { hours: [], celsius: [] };
  const hours = points.map((p) => p.t);
  const celsius = points.map((p) => p.c);
  if (hours[0] > 0) {
    hours.unshift(0);
    celsius.unshift(celsius[0]);
  }
  const end = Number.isFinite(simulationHours) && simulationHours > 0 ? simulationHours : 0;
  if (end > hours[hours.length - 1]) {
    hours.push(end);
    celsius.push(celsius[celsius.length - 1]);
  }
  return { hours, celsius };
}

/**
 * The profile points after the end of the simulation, as a warning (they are valid but never reached), or
 * '' when there are none or the simulated time is not a number yet.
 */
export function pointsPastEndWarning(rows: readonly ProfileRow[], simulationHours: number): string {
  if (!Number.isFinite(simulationHours) || simulationHours <= 0) return '';
  const late = rows
    .map((r, i) => ({ point: i + 1, hours: Number(r.hours), typed: r.hours.trim() }))
    .filter((p) => p.typed !== '' && Number.isFinite(p.hours) && p.hours > simulationHours);
  if (late.length === 0) return '';
  const which = late.map((p) => `${p.point} (${p.hours} h)`).join(', ');
  const noun = late.length === 1 ? 'Point' : 'Points';
  const verb = late.length === 1 ? 'is' : 'are';
  return (
    `${noun} ${which} ${verb} after the end of the simulation (${simulationHours} h) and never reached: ` +
    'lengthen the ageing time simulated or remove them.'
  );
}
