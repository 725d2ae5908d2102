// .dockerignore as Docker reads it (moby/patternmatcher, as BuildKit uses it): one pattern a line, `#`
// comments, `!` re-includes; `*` and `?` stay within a path segment, `**` spans any number of them; a
// pattern that matches a directory matches everything in it; the last pattern that matches a path wins.
import { lstatSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';

export interface IgnoreRule {
  pattern: string;
  negate: boolean;
  regex: RegExp;
}

function patternRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') i++;
      // `**` at the end matches everything below; elsewhere any number of whole segments, even none.
      source += i === pattern.length - 1 ? '.*' : '(.*/)?';
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`.dockerignore: unterminated [ in '${pattern}'`);
      source += pattern.slice(i, end + 1).replace(/^\[!/, '[^');
      i = end;
    } else source += ch.replace(/[.+^${}()|]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    // Docker cleans each pattern like a path: no leading or trailing slash, no `.` segments.
    const pattern = posix.normalize(line).replace(/^\/+/, '').replace(/\/+$/, '');
    if (pattern === '' || pattern === '.') continue;
    rules.push({ pattern, negate, regex: patternRegex(pattern) });
  }
  return rules;
}

/** The path, then each of its parents: a pattern matching a directory matches what is inside. */
function selfAndParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

export function isExcluded(rules: IgnoreRule[], path: string): boolean {
  let excluded = false;
  for (const rule of rules) {
    if (selfAndParents(path).some((p) => rule.regex.test(p))) excluded = !rule.negate;
  }
  return excluded;
}

/** Whether some `!` pattern could re-include a path below the excluded directory `dir`. */
function mayReinclude(rules: IgnoreRule[], dir: string): boolean {
  const depth = dir.split('/').length;
  return rules.some((rule) => {
    if (!rule.negate) return false;
    if (rule.pattern.includes('**')) return true;
    const parts = rule.pattern.split('/');
    if (parts.length <= depth) return false;
    const prefix = parts.slice(0, depth).join('/');
    return patternRegex(prefix).test(dir);
  });
}

/** The build context: every file (or symlink) under `root` that .dockerignore lets through, sorted. */
export function contextFiles(root: string, rules: IgnoreRule[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(posix.join(root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const excluded = isExcluded(rules, path);
      if (entry.isDirectory() && !lstatSync(posix.join(root, path)).isSymbolicLink()) {
        if (!excluded || mayReinclude(rules, path)) walk(path);
      } else if (!excluded) files.push(path);
    }
  };
  walk('');
  return files.sort();
}
