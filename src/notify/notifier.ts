// The message types every text module composes, and the stand-in transport of SPEC §2/D2: console + JSON-lines file.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../auth/clock.js';
import type { OutboxChannel, OutboxEntry as StoredEntry, OutboxMessage } from '../db/contract.js';
import { sent, type Transport } from './transports/transport.js';

export type Channel = OutboxChannel;

export type Message = OutboxMessage;

export type OutboxEntry = StoredEntry;

/**
 * Before SPEC D1 handlers sent messages themselves; now every message is stored by the store method that causes it and
 * the delivery worker sends it. Kept only for bench/, which still builds its Deps with one.
 */
export interface Notifier {
  send(message: Message): Promise<void>;
}

export type StandInOptions = {
  /** SPEC §2: `OUTBOX_FILE`, where each message is also appended as one JSON line; none in tests that read the table. */
  file?: string;
  log?: (line: string) => void;
};

/**
 * SPEC D2: the demo default for a channel without a transport. Prints the message and appends it to the JSON-lines file of
 * SPEC §2 in its shape `{"id","at","channel","to","subject","text","code"}` (id: the outbox row's, at: when it was handed over).
 * The row itself is the outbox table's, which every instance shares (D5).
 */
export function createStandInTransport(clock: Clock, options: StandInOptions = {}): Transport {
  const { file, log = console.log } = options;
  if (file) mkdirSync(dirname(file), { recursive: true });
  return {
    async send(message, { idempotencyKey }) {
      if (file) {
        const { channel, to, subject, text, code } = message;
        const entry = { id: idempotencyKey, at: new Date(clock.now()).toISOString(), channel, to, subject, text, ...(code === undefined ? {} : { code }) };
        appendFileSync(file, `${JSON.stringify(entry)}\n`);
      }
      log(`[outbox] ${message.channel} to ${message.to}: ${message.subject}`);
      return sent();
    },
    async close() {},
  };
}
