// A calibration on the job queue: its message id names it, so that one queue (and one reconciler) carries
// simulations, sweep chunks and calibrations, and a repeated enqueue of a calibration is a no-op.

const MESSAGE_ID = /^calibration-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const calibrationMessageId = (calibrationId: string) => `calibration-${calibrationId}`;

export function parseCalibrationMessageId(id: string): string | undefined {
  return MESSAGE_ID.exec(id)?.[1];
}
