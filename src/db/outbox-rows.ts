// The outbox row both dialects store (their rows have the same columns): a new row's values, and readings of a stored one
// as SPEC §2's entry and as the message a worker sends.
import { randomUUID } from 'node:crypto';
import { maskEmail, maskPhone } from '../auth/normalise.js';
import type { ClaimedMessage, DeliveryState, OutboxEntry, OutboxMessage } from './contract.js';

/** The columns of an `outbox` row that a claimed message carries. */
export type OutboxRowShape = {
  id: number;
  messageId: string;
  attempts: number;
  channel: ClaimedMessage['channel'];
  recipient: string;
  subject: string;
  text: string;
  code: string | null;
  expiresAt: number | null;
  challengeId: number | null;
};

export const claimedMessage = (r: OutboxRowShape): ClaimedMessage => ({
  rowId: r.id,
  id: r.messageId,
  attempts: r.attempts,
  channel: r.channel,
  to: r.recipient,
  subject: r.subject,
  text: r.text,
  ...(r.code === null ? {} : { code: r.code }),
  ...(r.expiresAt === null ? {} : { expiresAt: r.expiresAt }),
  ...(r.challengeId === null ? {} : { challengeId: r.challengeId }),
});

/** A stored row as SPEC §2's outbox entry, with its delivery state. */
export function outboxEntry(row: OutboxRowShape & { createdAt: number; state: DeliveryState; lastError: string | null }): OutboxEntry {
  const { messageId, createdAt, channel, recipient, subject, text, code, state, attempts, lastError } = row;
  return { id: messageId, at: new Date(createdAt).toISOString(), channel, to: recipient, subject, text, ...(code === null ? {} : { code }), state, attempts, ...(lastError === null ? {} : { lastError }) };
}

/** SPEC D1: a new row's values; a code message is linked to its challenge and expiry. */
export function newOutboxRow(m: OutboxMessage, now: number, link: { challengeId?: number; expiresAt?: number }) {
  return { messageId: randomUUID(), createdAt: now, nextAttemptAt: now, channel: m.channel, recipient: m.to, subject: m.subject, text: m.text, code: m.code ?? null, challengeId: link.challengeId ?? null, expiresAt: link.expiresAt ?? null };
}

/** SPEC O3: how an audit row names a destination (never whole). */
export const maskedRecipient = (channel: ClaimedMessage['channel'], to: string) => (channel === 'email' ? maskEmail(to) : maskPhone(to));

/** What claim hands back of a row that failed because its worker died holding the last attempt. */
export const LAPSED_ON_LAST = 'lease lapsed on the last attempt';
