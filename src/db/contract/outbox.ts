// Store contract: The outbox (SPEC §2, D5): one row per message the notifier sends, read by the demo outbox page and the tests.

export type OutboxChannel = 'email' | 'sms' | 'voice';

/** A message as the notifier hands it over: `code` only on messages that carry one (it also appears in `text`). */
export type OutboxMessage = { channel: OutboxChannel; to: string; subject: string; text: string; code?: string };

/** A stored message as SPEC §2 describes it: `id` is its UUID, `at` an ISO time. */
export type OutboxEntry = OutboxMessage & { id: string; at: string };

export interface OutboxStore {
  /** Stores one message sent at `now` under its UUID `id`. */
  add(message: OutboxMessage & { id: string; now: number }): Promise<void>;
  /** The newest `limit` messages, newest first. */
  list(limit?: number): Promise<OutboxEntry[]>;
}
