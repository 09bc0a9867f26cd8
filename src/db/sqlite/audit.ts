// The audit log of security events (SPEC X5).
import { and, asc, gte } from 'drizzle-orm';
import type { Db } from './client.js';
import { auditTable } from './schema.js';

export type AuditEvent = {
  at: number;
  event: string;
  accountId?: number | null;
  /** A hashed identifier where no account is known. */
  subject?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(db: Db, e: AuditEvent): Promise<void> {
  writeAudit(db, e);
}

/** The synchronous form, for use inside a transaction. */
export function writeAudit(db: Db, e: AuditEvent): void {
  db.insert(auditTable)
    .values({
      at: e.at,
      event: e.event,
      accountId: e.accountId ?? null,
      subject: e.subject ?? null,
      address: e.address ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .run();
}

export async function listAudit(db: Db, since: number) {
  return db.select().from(auditTable).where(and(gte(auditTable.at, since))).orderBy(asc(auditTable.id)).all();
}
