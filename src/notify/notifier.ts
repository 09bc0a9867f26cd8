// The Notifier interface (stand-in for email, SMS and voice) and the console + JSON-lines outbox (SPEC §2).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../auth/clock.js';

export type Channel = 'email' | 'sms' | 'voice';

export type Message = { channel: Channel; to: string; subject: string; text: string; code?: string };

export type OutboxEntry = Message & { id: string; at: string };

export interface Notifier {
  send(message: Message): Promise<void>;
}

/** Reads the outbox back, newest first (the demo outbox page and the tests). */
export function readOutbox(file: string): OutboxEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as OutboxEntry];
      } catch {
        return [];
      }
    })
    .reverse();
}

/** Prints every message and appends it as one JSON line to the outbox file. */
export function createOutboxNotifier(file: string, clock: Clock, log: (line: string) => void = console.log): Notifier {
  mkdirSync(dirname(file), { recursive: true });
  return {
    async send(message) {
      const entry: OutboxEntry = {
        id: randomUUID(),
        at: new Date(clock.now()).toISOString(),
        channel: message.channel,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.code === undefined ? {} : { code: message.code }),
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
      log(`[outbox] ${entry.channel} to ${entry.to}: ${entry.subject}`);
    },
  };
}
