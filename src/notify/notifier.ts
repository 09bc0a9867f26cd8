// The Notifier interface (stand-in for email, SMS and voice) and the console + outbox-table stand-in (SPEC §2, D5).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../auth/clock.js';
import type { OutboxChannel, OutboxEntry as StoredEntry, OutboxMessage, OutboxStore } from '../db/contract.js';

export type Channel = OutboxChannel;

export type Message = OutboxMessage;

export type OutboxEntry = StoredEntry;

export interface Notifier {
  send(message: Message): Promise<void>;
}

/** Prints every message and stores it as one row of the outbox table, which every instance shares (SPEC Z3, D5). */
export function createOutboxNotifier(outbox: OutboxStore, clock: Clock, log: (line: string) => void = console.log): Notifier {
  return {
    async send(message) {
      await outbox.add({ ...message, id: randomUUID(), now: clock.now() });
      log(`[outbox] ${message.channel} to ${message.to}: ${message.subject}`);
    },
  };
}
