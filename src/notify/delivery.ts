// SPEC D1/D2: the delivery of one server process: the configured transports, the stand-in for the others, and the worker.
import type { Clock } from '../auth/clock.js';
import type { Config } from '../config.js';
import type { OutboxStore } from '../db/contract.js';
import type { Logger } from '../log/logger.js';
import { createStandInTransport } from './notifier.js';
import { closeTransports, transportsFromConfig } from './transports/from-config.js';
import type { Transport } from './transports/transport.js';
import { createDeliveryWorker, type DeliveryWorker } from './worker.js';

/** A claim holds a row for five send timeouts (an SMTP send waits at most that long at each step), at least 5 s. */
export const leaseMsOf = (config: Pick<Config, 'NOTIFY_TIMEOUT_MS'>) => Math.max(5_000, 5 * config.NOTIFY_TIMEOUT_MS);

export type Delivery = { worker: DeliveryWorker; stop(): Promise<void> };

/** Builds the worker from the settings; `start` runs it in the background (a server), tests call runOnce() themselves. */
export async function createDelivery(config: Config, outbox: OutboxStore, clock: Clock, options: { logger?: Logger; standIn?: Transport; start?: boolean } = {}): Promise<Delivery> {
  const transports = await transportsFromConfig(config);
  const standIn = options.standIn ?? createStandInTransport(clock, { file: config.OUTBOX_FILE });
  const worker = createDeliveryWorker({ outbox, transports, standIn, clock, maxAttempts: config.NOTIFY_MAX_ATTEMPTS, concurrency: config.NOTIFY_CONCURRENCY, leaseMs: leaseMsOf(config), logger: options.logger });
  if (options.start) worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await closeTransports(transports);
    },
  };
}
