// Telling "the database cannot be reached now" (refused, hung, restarting, pool exhausted) from a bug: the
// former is a 503 with Retry-After for the API and a wait-and-retry for a worker, never a 500 or a failed job.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, starting up).
const SQLSTATE = /^(08|57P)/;
const MESSAGES = [
  /Timeout acquiring a connection/i,
  /Connection terminated/i,
  /Query read timeout/i,
  /^timeout expired$/, // pg: connectionTimeoutMillis passed while connecting
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /database system is (starting up|shutting down|in recovery)/i,
  /SQLITE_BUSY|database is locked/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, name } = error as Error & { code?: unknown };
  if (name === 'KnexTimeoutError') return true;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true; // AggregateError (IPv4 + IPv6)
  return MESSAGES.some((pattern) => pattern.test(error.message));
}

/** Waits delayMs, or less when signal aborts. */
function sleep(delayMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, delayMs);
    signal.addEventListener('abort', done);
  });
}

/**
 * Runs fn until it succeeds or fails for another reason than an unavailable database, waiting between
 * tries with exponential backoff (0.5 s doubling to 5 s); gives up with the last error once signal aborts.
 */
export async function whileUnavailable<T>(
  fn: () => Promise<T>,
  signal: AbortSignal,
  onRetry: (error: unknown, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || signal.aborted) throw error;
      const delayMs = Math.min(500 * 2 ** attempt, 5000);
      onRetry(error, delayMs);
      await sleep(delayMs, signal);
    }
  }
}
