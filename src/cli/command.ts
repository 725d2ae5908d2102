// What every CLI command module exports, and the error that means "bad arguments" (exit code 2).

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** util.parseArgs errors, turned into one-line usage errors. */
export function usageFrom(error: unknown): UsageError {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new UsageError(message);
}
