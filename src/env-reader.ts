// Reading typed values off an environment, collecting every problem (each naming its variable) instead of
// stopping at the first. Used only by src/config.ts.

export type Env = Record<string, string | undefined>;

/** Reads values off the environment, collecting every problem instead of stopping at the first. */
export function reader(env: Env) {
  const problems: string[] = [];
  const raw = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const number = (name: string, fallback: number, check: (n: number) => boolean, expected: string) => {
    const v = raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^-?\d+(\.\d+)?$/.test(v) || !check(n)) {
      problems.push(`${name}: expected ${expected}, got '${v}'`);
      return fallback;
    }
    return n;
  };
  return {
    problems,
    raw,
    string: (name: string, fallback: string) => raw(name) ?? fallback,
    integer: (name: string, fallback: number, min: number, max: number) =>
      number(
        name,
        fallback,
        (n) => Number.isInteger(n) && n >= min && n <= max,
        `an integer from ${min} to ${max}`,
      ),
    positive: (name: string, fallback: number, max: number) =>
      number(name, fallback, (n) => n > 0 && n <= max, `a number above 0 and at most ${max}`),
    boolean(name: string, fallback: boolean) {
      const v = raw(name)?.toLowerCase();
      if (v === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      problems.push(`${name}: expected true or false, got '${v}'`);
      return fallback;
    },
    oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
      const v = raw(name);
      if (v === undefined) return fallback;
      if ((allowed as readonly string[]).includes(v)) return v as T;
      problems.push(`${name}: expected one of ${allowed.join(', ')}, got '${v}'`);
      return fallback;
    },
    url(name: string, protocols: string[], secret: boolean): string | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      try {
        const u = new URL(v);
        if (protocols.includes(u.protocol)) return v;
        problems.push(`${name}: expected a ${protocols.join(' or ')} URL, got protocol '${u.protocol}'`);
      } catch {
        problems.push(`${name}: not a valid URL${secret ? '' : ` ('${v}')`}`);
      }
      return undefined;
    },
  };
}

export type EnvReader = ReturnType<typeof reader>;
