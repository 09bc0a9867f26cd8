// The Notifier interface (stand-in for email, SMS and voice) and the console + JSON-lines + outbox-table stand-in (SPEC §2, D5).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../auth/clock.js';
import type { OutboxChannel, OutboxEntry as StoredEntry, OutboxMessage, OutboxStore } from '../db/contract.js';

export type Channel = OutboxChannel;

export type Message = OutboxMessage;

export type OutboxEntry = StoredEntry;

export interface Notifier {
  send(message: Message): Promise<void>;
}

export type StandInOptions = {
  /** SPEC §2: `OUTBOX_FILE`, where each message is also appended as one JSON line; none in tests that read the table. */
  file?: string;
  log?: (line: string) => void;
};

/**
 * Prints every message, stores it as one row of the outbox table, which every instance shares (SPEC Z3, D5), and
 * appends it to the JSON-lines file of SPEC §2 in its shape `{"id","at","channel","to","subject","text","code"}`.
 */
export function createOutboxNotifier(outbox: OutboxStore, clock: Clock, options: StandInOptions = {}): Notifier {
  const { file, log = console.log } = options;
  if (file) mkdirSync(dirname(file), { recursive: true });
  return {
    async send(message) {
      const id = randomUUID();
      const now = clock.now();
      await outbox.add({ ...message, id, now });
      if (file) {
        const { channel, to, subject, text, code } = message;
        const entry = { id, at: new Date(now).toISOString(), channel, to, subject, text, ...(code === undefined ? {} : { code }) };
        appendFileSync(file, `${JSON.stringify(entry)}\n`);
      }
      log(`[outbox] ${message.channel} to ${message.to}: ${message.subject}`);
    },
  };
}
