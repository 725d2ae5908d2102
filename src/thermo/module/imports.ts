// What the kernel module imports from the host (assembly/run.ts's @external), the same for both targets.

export interface KernelImports {
  env: {
    /** A step's temperature differs from the loaded one: load its T-only thermodynamics (run-steps.ts). */
    runTemperature(temperatureK: number): void;
    /** asc's abort (the debug build only; the release build has no assertions). */
    abort(): never;
  };
}
