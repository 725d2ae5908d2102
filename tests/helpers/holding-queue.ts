// An in-process queue whose deliveries wait until the test lets them go: what it has taken, it holds.
// The reconciler tests use it to tell "held by the queue" from "lost".
import { silentLogger } from '../../src/service/log.js';
import { createLocalQueue } from '../../src/service/queue/local.js';

export function holdingQueue() {
  const delivered: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const queue = createLocalQueue(
    async (id) => {
      delivered.push(id);
      await released;
      return 'done';
    },
    1,
    silentLogger,
  );
  return { queue, delivered, release };
}
