// The Dockerfile as data: its stages and their instructions, parsed closely enough to rehearse the build
// (image.test.ts) and to check its shape (dockerfile.test.ts). Unsupported syntax throws rather than
// being guessed at, so that a change the rehearsal cannot follow fails loudly.

export interface Instruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i].trim();
    if (first === '' || first.startsWith('#')) continue;
    const line = i + 1;
    let joined = first;
    // A trailing backslash continues the instruction; comment lines inside it are dropped.
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      joined = joined.slice(0, -1);
      const next = lines[++i].trim();
      if (!next.startsWith('#')) joined += ` ${next}`;
    }
    const match = /^(\w+)\s*(.*)$/s.exec(joined);
    if (!match) throw new Error(`Dockerfile line ${line}: cannot parse '${joined}'`);
    instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line });
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!m) throw new Error(`Dockerfile line ${instruction.line}: cannot parse FROM ${instruction.args}`);
      stages.push({ base: m[1], name: m[2] ?? String(stages.length), instructions: [] });
    } else if (stages.length === 0) {
      throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} before FROM`);
    } else stages[stages.length - 1].instructions.push(instruction);
  }
  return stages;
}

/** The JSON array form (`CMD ["node", "x"]`), or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
    throw new Error(`not a JSON array of strings: ${args}`);
  return parsed;
}

/** Leading `--name=value` flags, then the rest split on whitespace (COPY, HEALTHCHECK). */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([\w-]+)=(\S+)\s+/.exec(rest); m; m = /^--([\w-]+)=(\S+)\s+/.exec(rest)) {
    flags[m[1]] = m[2];
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** `ENV A=1 B="two words"` (and the old `ENV A value`) as pairs; no variable expansion. */
export function parseEnv(args: string): [string, string][] {
  if (args.includes('$')) throw new Error(`ENV with variable expansion is not supported: ${args}`);
  const legacy = /^(\w+)\s+([^=]*)$/.exec(args);
  if (legacy) return [[legacy[1], legacy[2].trim()]];
  const pairs: [string, string][] = [];
  const re = /(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)\s*/gy;
  for (let m = re.exec(args); m && m[0] !== ''; m = re.exec(args)) {
    const value = m[2];
    pairs.push([
      m[1],
      value.startsWith('"')
        ? value.slice(1, -1).replace(/\\(.)/g, '$1')
        : value.startsWith("'")
          ? value.slice(1, -1)
          : value,
    ]);
    if (re.lastIndex >= args.length) break;
  }
  if (pairs.length === 0) throw new Error(`cannot parse ENV ${args}`);
  return pairs;
}

/** Every ENV of a stage, in order, later values winning. */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions)
    if (i.keyword === 'ENV') for (const [k, v] of parseEnv(i.args)) env[k] = v;
  return env;
}

export const only = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.keyword === keyword);
