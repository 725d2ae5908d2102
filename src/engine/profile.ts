// The ageing schedule: piecewise linear in hours, held flat before the first and after the last point.

export interface TemperatureProfile {
  timePointsHours: number[];
  temperaturesK: number[];
}

export function profileFromCelsius(
  timePointsHours: number[],
  temperaturesCelsius: number[],
): TemperatureProfile {
  return { timePointsHours: [...timePointsHours], temperaturesK: temperaturesCelsius.map((c) => c + 273.15) };
}

/** T(t) with numpy.interp's arithmetic (slope first), so flat segments give exactly the same T. */
export function temperatureAt(profile: TemperatureProfile, timeS: number): number {
  const x = timeS / 3600;
  const xp = profile.timePointsHours;
  const fp = profile.temperaturesK;
  const last = xp.length - 1;
  if (x <= xp[0]) return fp[0];
  if (x >= xp[last]) return fp[last];
  let j = 0;
  while (xp[j + 1] <= x) j++;
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  return slope * (x - xp[j]) + fp[j];
}
