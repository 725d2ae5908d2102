// Structured logs: one JSON object per line on stderr. Callers pass facts, never secrets (no URLs with
// passwords, no keys); errors are reduced to their message.
import type { LogLevel } from '../config.js';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function plain(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? errorMessage(v) : v]),
  );
}

export function createLogger(
  level: LogLevel,
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const emit =
    (at: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (RANK[at] > RANK[level]) return;
      write(
        JSON.stringify({ time: new Date().toISOString(), level: at, message, ...base, ...plain(fields) }),
      );
    };
  return {
    error: emit('error'),
    warn: emit('warn'),
    info: emit('info'),
    debug: emit('debug'),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger('error', {}, () => {});

export type Level = 'error' | 'warn' | 'info' | 'debug';

/**
 * A log call that repeats while a dependency is down (a poll, a reconnect): written at most once per
 * intervalMs for each message, with the number of repeats left out since the last line.
 */
export function throttled(log: Logger, intervalMs = 10_000) {
  const last = new Map<string, { atMs: number; suppressed: number }>();
  return (level: Level, message: string, fields: Record<string, unknown> = {}) => {
    const seen = last.get(message);
    const nowMs = Date.now();
    if (seen && nowMs - seen.atMs < intervalMs) {
      seen.suppressed++;
      return;
    }
    last.set(message, { atMs: nowMs, suppressed: 0 });
    log[level](message, seen?.suppressed ? { ...fields, repeats_not_logged: seen.suppressed } : fields);
  };
}
