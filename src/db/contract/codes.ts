// Store contract: Verification codes (SPEC M6a): challenge rows, per-destination send caps and per-subject failure counts.
import type { Enqueue, OutboxMessage } from './outbox.js';

/** The holder or account whose wrong entries are counted: `holder:12` or `account:5`. */
export type CodeSubject = `holder:${number}` | `account:${number}`;

/** The limits of SPEC M6a in milliseconds. */
export type CodeLimits = {
  ttlMs: number;
  /** SPEC S5: sends of one flow and purpose are this far apart. */
  resendMs: number;
  /** SPEC S5: sends per destination and requesting network in a rolling hour. */
  maxSendsPerHour: number;
  /** SPEC S5: sends per destination across every requester in a rolling hour (the mail-bomb ceiling). */
  maxSendsPerDestinationPerHour: number;
  maxFailures: number;
  lockMs: number;
  /** SPEC S1: wrong entries per holder/account, purpose and flow kind in any rolling 24 hours. */
  maxFailuresPerDay: number;
  /** SPEC S1: wrong entries per holder/account, purpose and flow kind in all, before the verification is closed. */
  maxFailuresTotal: number;
};

/** SPEC S1: the flow kind whose budgets a code counts under (migration, reset, registration, my-id-change). */
type OfKind = { kind: string };

export type RecordSendInput = OfKind & {
  flowId: number;
  purpose: string;
  channel: 'email' | 'sms' | 'voice';
  destinationHash: string;
  subject: CodeSubject;
  address?: string;
  /** SPEC S5: the requesting client's network (IPv4 address, IPv6 /64) the per-requester cap counts under. */
  requester: string;
  /** SPEC S10: the destination as the audit log names it, masked. */
  maskedDestination: string;
  now: number;
  /** The keyed hash of the new code, bound to the flow, purpose and destination. */
  codeHash: string;
  /** SPEC D1: the code message, stored with the challenge in its transaction (none for R's unknown address). */
  message?: OutboxMessage;
};

export type RecordSendResult =
  | { ok: true; challengeId: number; expiresAt: number; nextResendAt: number }
  | { error: 'tooSoon' | 'hourlyCap'; nextResendAt: number }
  | { error: 'locked'; lockedUntil: number }
  | { error: 'closed' };

export type RecordAttemptInput = OfKind & {
  flowId: number;
  purpose: string;
  subject: CodeSubject;
  /** When given, a code sent to another destination is no code at all: not a match, not a wrong entry. */
  destinationHash?: string;
  address?: string;
  now: number;
  /** SPEC D1/S11: the closure notice, stored in the transaction of the wrong entry that closed it (called with its address). */
  outbox?: Enqueue<{ noticeTo: string }>;
  /** Whether the typed code is the one of this challenge (a pure function: the caller hashes it with the row's binding). */
  matches: (challenge: { id: number; destinationHash: string; codeHash: string }) => boolean;
};

export type RecordAttemptResult =
  | { ok: true }
  | { error: 'none' | 'expired' }
  | { error: 'mismatch'; remaining: number }
  | { error: 'locked'; lockedUntil: number }
  /** SPEC S1: closed; `closedNow` on the wrong entry that closed it, with where its notice goes (null: nobody to tell). */
  | { error: 'closed'; closedNow: boolean; noticeTo: string | null };

export type CodeStateInput = OfKind & { flowId: number; purpose: string; subject: CodeSubject; destinationHash?: string; requester: string; now: number };

export type CodeState = {
  /** When the flow's active code for the purpose expires; null when there is none. */
  expiresAt: number | null;
  /** The earliest time a (re)send to the destination is accepted. */
  nextResendAt: number;
  /** Until when verification is locked (M6a, or S1's rolling day); null when it is not. */
  lockedUntil: number | null;
  /** SPEC S1: closed until an operator (or, for M and G, a password reset) reopens it. */
  closed: boolean;
  /** SPEC D4: the state of the latest code's message; null when it has none (R's unknown address) or it was dropped. */
  delivery: CodeDelivery;
};

export type CodeDelivery = 'sending' | 'sent' | 'failed' | null;

export interface CodeStore {
  /** One unit of work: checks the closure and locks (M6a, S1), the send caps of SPEC S5 (a refusal is audited with the cap), replaces the flow's active code for the purpose, records the new one, audits. */
  recordSend(input: RecordSendInput, limits: CodeLimits): Promise<RecordSendResult>;
  /**
   * One unit of work: checks a typed code against the flow's active code. A right code is used up and clears the
   * subject's count and the kind's rolling day (SPEC S1: never the total); a wrong one is counted, and the `maxFailures`-th
   * locks the subject+purpose and voids the active code; the kind's `maxFailuresPerDay`-th in 24 hours locks until the
   * oldest of them is a day old; its `maxFailuresTotal`-th closes it (audited `code_closed`).
   */
  recordAttempt(input: RecordAttemptInput, limits: CodeLimits): Promise<RecordAttemptResult>;
  /** What a code page shows. Without a destination, that of the flow's latest code for the purpose is used. */
  readState(input: CodeStateInput, limits: CodeLimits): Promise<CodeState>;
}
