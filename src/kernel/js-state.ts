// Copies of the TypeScript kernel's state objects (grids, incubation history) for checkpoints. Restoring
// writes into the kernel's own objects, so their shapes (and V8's code for them) stay as they were.

/** A copy of `from` whose typed arrays are copies too. */
export function cloneFields<T extends object>(from: T): T {
  const copy = { ...from };
  for (const key of Object.keys(copy) as (keyof T)[]) {
    const value = copy[key];
    if (value instanceof Float64Array) copy[key] = value.slice() as T[keyof T];
  }
  return copy;
}

/** Writes every field of `from` into `to`: typed arrays element by element (a copy if sizes differ). */
export function copyFields<T extends object>(from: T, to: T): void {
  for (const key of Object.keys(from) as (keyof T)[]) {
    const value = from[key];
    const target = to[key];
    if (value instanceof Float64Array && target instanceof Float64Array && target.length === value.length) {
      target.set(value);
    } else {
      to[key] = value instanceof Float64Array ? (value.slice() as T[keyof T]) : value;
    }
  }
}
