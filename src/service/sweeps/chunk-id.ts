// A sweep's chunk on the job queue: its message id names the sweep and the chunk, so that one queue (and
// one reconciler) carries simulations and sweep chunks alike, and a repeated enqueue of a chunk is a no-op.

const CHUNK_ID = /^sweep-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d{1,9})$/;

export const chunkId = (sweepId: string, chunk: number) => `sweep-${sweepId}-${chunk}`;

export function parseChunkId(id: string): { sweepId: string; chunk: number } | undefined {
  const match = CHUNK_ID.exec(id);
  return match ? { sweepId: match[1], chunk: Number(match[2]) } : undefined;
}
