// The ageing schedule: piecewise linear in hours, held flat before the first and after the last point
// (the kernel's temperatureAt, assembly/run-inputs.ts, interpolates it).

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
