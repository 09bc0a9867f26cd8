// The one shape every real delivery channel has (SPEC D2): send a message under an idempotency key, get a tagged result.
import { RECIPIENT_REFUSED } from '../../db/contract/outbox.js';
import type { Message } from '../notifier.js';

/** A message as a transport sends it: the notifier's message, and when its code stops working (webhooks pass it on). */
export type Deliverable = Message & { expiresAt?: number };

/**
 * What one attempt came to. `retryable`: the provider may take it later (network, timeout, 5xx, 429, SMTP 4xx);
 * `final`: sending it again will not help (4xx, SMTP 5xx). `reason` names the cause for the log and the outbox row;
 * it never holds the destination, the text or the code.
 */
export type SendResult = { status: 'sent' } | { status: 'retryable'; reason: string } | { status: 'final'; reason: string };

export type SendOptions = {
  /** SPEC D1: the same for every attempt at one message, so a receiver recognises a retry (the outbox row's id). */
  idempotencyKey: string;
};

export interface Transport {
  send(message: Deliverable, options: SendOptions): Promise<SendResult>;
  /** Releases connections; sends after it are not expected. */
  close(): Promise<void>;
}

export const sent = (): SendResult => ({ status: 'sent' });
export const retryable = (reason: string): SendResult => ({ status: 'retryable', reason });
export const final = (reason: string): SendResult => ({ status: 'final', reason });
/** SPEC D4 + L6: the provider refused this recipient (a bouncing or suppressed address), not the channel: see RECIPIENT_REFUSED. */
export const recipientRefused = (reason: string): SendResult => final(`${RECIPIENT_REFUSED} ${reason}`);

// An idempotency key goes into a header and a Message-ID: letters, digits, dot, dash and underscore only.
const KEY = /^[A-Za-z0-9._-]{1,128}$/;

/** Throws on a key that could not travel in a header unchanged: a programming error, not a failed delivery. */
export function checkIdempotencyKey(key: string): void {
  if (!KEY.test(key)) throw new TypeError('idempotency key must be 1–128 letters, digits, ".", "-" or "_"');
}
