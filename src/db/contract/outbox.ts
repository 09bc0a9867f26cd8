// Store contract: the transactional outbox (SPEC D1, D5): messages written in the transaction of the change that causes
// them, claimed with a lease by each process's delivery worker, and read by the demo outbox page and the tests.

export type OutboxChannel = 'email' | 'sms' | 'voice';

/** A message as a flow composes it: `code` only on messages that carry one (it also appears in `text`). */
export type OutboxMessage = { channel: OutboxChannel; to: string; subject: string; text: string; code?: string };

/**
 * SPEC D1: the messages a store method writes in its own transaction, composed from its outcome (a notice may go to an
 * address only the transaction reads). Called inside the transaction: it must be pure and quick.
 */
export type Enqueue<R> = (outcome: R) => OutboxMessage[];

/**
 * SPEC D4 + L6: how a failed row's error begins when the provider refused its recipient (a bouncing or suppressed address)
 * and not the channel. R's notice, shown alike for known and unknown addresses, must not follow such a failure, or a known
 * dormant address would light it up where an unknown one cannot.
 */
export const RECIPIENT_REFUSED = 'recipient refused:';

export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed' | 'dropped';

/** A stored message as SPEC §2 describes it (`id` its UUID, `at` an ISO time), with its delivery state (D5). */
export type OutboxEntry = OutboxMessage & { id: string; at: string; state: DeliveryState; attempts: number; lastError?: string };

/** A row a worker holds the lease of. `attempts` counts this one, and fences it: only this claim may settle the row. */
export type ClaimedMessage = OutboxMessage & { rowId: number; id: string; attempts: number; expiresAt?: number; challengeId?: number };

export type DeliveryOutcome =
  | { kind: 'delivered'; blank: boolean }
  | { kind: 'retry'; error: string; nextAttemptAt: number }
  /** SPEC D4: audited `delivery_failed` naming `maskedTo`; a code message's send then counts only toward the failed-send cap. */
  | { kind: 'failed'; error: string; maskedTo: string };

export type ClaimInput = { now: number; leaseMs: number; limit: number; maxAttempts: number };

export interface OutboxStore {
  /** Stores messages caused by no other change (tests and tools; a flow's messages come with its store method, D1). */
  add(messages: OutboxMessage[], now: number): Promise<void>;
  /** The newest `limit` messages, newest first. */
  list(limit?: number): Promise<OutboxEntry[]>;
  /**
   * SPEC D1: first drops the code messages whose code was replaced, used or expired, and fails those whose lease lapsed on
   * the last attempt; then leases up to `limit` due rows (pending and due, or sending with a lapsed lease) to the caller.
   */
  claim(input: ClaimInput): Promise<ClaimedMessage[]>;
  /** Records one attempt's outcome; false when the row was claimed again meanwhile (its lease lapsed), and nothing changed. */
  settle(message: Pick<ClaimedMessage, 'rowId' | 'attempts' | 'challengeId'>, outcome: DeliveryOutcome, now: number): Promise<boolean>;
  /** SPEC D1: blanks the text and code of code messages whose code expired; deletes rows 7 days after their final state. */
  tidy(now: number): Promise<void>;
  /**
   * SPEC D4: whether the email channel's most recent finished delivery failed (R's pages show the notice then). A failure
   * that refused only its recipient (RECIPIENT_REFUSED) says nothing of the channel and is passed over (L6).
   */
  emailFailing(): Promise<boolean>;
}

/** SPEC D1: rows are kept this long after their final state. */
export const OUTBOX_KEEP_MS = 7 * 24 * 3_600_000;

/** SPEC D4: failed sends have their own cap per destination and rolling hour. */
export const MAX_FAILED_SENDS_PER_HOUR = 10;

/** SPEC D4: a row's state as its code page names it: being sent, sent, failed, or nothing (dropped). */
export const CODE_DELIVERY = { pending: 'sending', sending: 'sending', delivered: 'sent', failed: 'failed', dropped: null } as const;
