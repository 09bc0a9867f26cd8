// Store contract: The audit log of security events (SPEC X5).
import type { AuditRecord } from './records.js';

export type AuditEvent = {
  at: number;
  event: string;
  accountId?: number | null;
  /** A hashed identifier where no account is known. */
  subject?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
};

export interface AuditStore {
  record(event: AuditEvent): Promise<void>;
  /** Every event at or after `since`, oldest first. */
  list(since: number): Promise<AuditRecord[]>;
  /**
   * SPEC O3: from now on every event written (by any store, inside its unit of work) is also handed to `listener`,
   * synchronously where the row is written; a listener that throws never breaks the write. One listener; a new one replaces it.
   */
  onRecord(listener: (event: AuditEvent) => void): void;
}
