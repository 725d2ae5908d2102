// The recorded time series of a run: one row per step plus the set-up row, in growable typed arrays.

export const PHASE_QUANTITIES = [
  'numberDensityPerM3',
  'meanRadiusM',
  'volumeFraction',
  'drivingForceJPerMol',
  'nucleationRatePerM3S',
  'criticalRadiusM',
] as const;
export type PhaseQuantity = (typeof PHASE_QUANTITIES)[number];

export interface PhaseSeries {
  name: string;
  numberDensityPerM3: Float64Array;
  meanRadiusM: Float64Array;
  volumeFraction: Float64Array;
  drivingForceJPerMol: Float64Array;
  nucleationRatePerM3S: Float64Array;
  criticalRadiusM: Float64Array;
}

export interface EngineSeries {
  /** Number of rows (steps + 1). */
  length: number;
  timeS: Float64Array;
  temperatureK: Float64Array;
  /** Matrix mole fraction of each solute, by element symbol. */
  matrixComposition: Record<string, Float64Array>;
  phases: PhaseSeries[];
}

export interface SeriesRecorder {
  series(): EngineSeries;
  /** Appends a row; `phaseValues` holds PHASE_QUANTITIES per phase, phase-major. */
  append(
    timeS: number,
    temperatureK: number,
    solutes: ArrayLike<number>,
    phaseValues: ArrayLike<number>,
  ): void;
}

export function createRecorder(
  soluteNames: string[],
  phaseNames: string[],
  initialCapacity = 4096,
): SeriesRecorder {
  let capacity = initialCapacity;
  let length = 0;
  const q = PHASE_QUANTITIES.length;
  let time = new Float64Array(capacity);
  let temperature = new Float64Array(capacity);
  let solutes = soluteNames.map(() => new Float64Array(capacity));
  let phases = phaseNames.map(() => PHASE_QUANTITIES.map(() => new Float64Array(capacity)));

  const grow = (a: Float64Array) => {
    const b = new Float64Array(capacity);
    b.set(a);
    return b;
  };

  return {
    append(timeS, temperatureK, soluteValues, phaseValues) {
      if (length === capacity) {
        capacity *= 2;
        time = grow(time);
        temperature = grow(temperature);
        solutes = solutes.map(grow);
        phases = phases.map((arrays) => arrays.map(grow));
      }
      time[length] = timeS;
      temperature[length] = temperatureK;
      for (let s = 0; s < solutes.length; s++) solutes[s][length] = soluteValues[s];
      for (let p = 0; p < phases.length; p++) {
        for (let k = 0; k < q; k++) phases[p][k][length] = phaseValues[p * q + k];
      }
      length++;
    },
    series() {
      const cut = (a: Float64Array) => a.slice(0, length);
      return {
        length,
        timeS: cut(time),
        temperatureK: cut(temperature),
        matrixComposition: Object.fromEntries(soluteNames.map((name, s) => [name, cut(solutes[s])])),
        phases: phaseNames.map((name, p) => {
          const entry = { name } as PhaseSeries;
          PHASE_QUANTITIES.forEach((key, k) => (entry[key] = cut(phases[p][k])));
          return entry;
        }),
      };
    },
  };
}
