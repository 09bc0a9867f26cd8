// The audit log of security events (SPEC X5), and the log line each one is also (SPEC O3), on PostgreSQL.
import { and, asc, desc, eq, gt, gte } from 'drizzle-orm';
import { first } from './client.js';
import type { AuditEvent, AuditStore } from '../contract.js';
import { auditListeners, heardAudit, type Db, type Executor } from './client.js';
import { auditTable } from './schema.js';

/** Writes one event through the caller's transaction (or the db), so it commits or rolls back with the change it records. */
export async function writeAudit(ex: Executor, e: AuditEvent): Promise<void> {
  await ex.insert(auditTable).values({
    at: e.at,
    event: e.event,
    accountId: e.accountId ?? null,
    subject: e.subject ?? null,
    address: e.address ?? null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  });
  // SPEC O3: one log line per security event, once the row is committed
  heardAudit(ex, e);
}

/**
 * SPEC X5: a refusal joins the newest row of the same event, identifier, address and reason begun within `windowMs` — its
 * detail then holds `count` and `lastAt` — or starts a row; inside the caller's transaction.
 */
export async function writeCoalescedAudit(ex: Executor, e: AuditEvent & { subject: string; address: string; detail: { reason: string } }, windowMs: number): Promise<void> {
  const row = await first(
    ex
      .select({ id: auditTable.id, detail: auditTable.detail })
      .from(auditTable)
      .where(and(eq(auditTable.subject, e.subject), gt(auditTable.at, e.at - windowMs), eq(auditTable.event, e.event), eq(auditTable.address, e.address)))
      // the (subject, at) index answers it; ordering by id would walk the whole table backwards
      .orderBy(desc(auditTable.at))
      .limit(1),
  );
  const detail = row?.detail ? (JSON.parse(row.detail) as { reason?: string; count?: number }) : undefined;
  if (!row || detail?.reason !== e.detail.reason) return writeAudit(ex, e);
  await ex
    .update(auditTable)
    .set({ detail: JSON.stringify({ ...detail, count: (detail.count ?? 1) + 1, lastAt: e.at }) })
    .where(eq(auditTable.id, row.id));
  // SPEC O3: the log still has a line for every refusal
  heardAudit(ex, e);
}

export function auditStore(db: Db): AuditStore {
  return {
    async record(e) {
      await writeAudit(db, e);
    },
    async list(since) {
      return db.select().from(auditTable).where(gte(auditTable.at, since)).orderBy(asc(auditTable.id));
    },
    onRecord(listener) {
      auditListeners.set(db, listener);
    },
  };
}
