// The audit log of security events (SPEC X5), and the log line each one is also (SPEC O3).
import { and, asc, desc, eq, gt, gte, sql } from 'drizzle-orm';
import type { AuditEvent, AuditStore } from '../contract.js';
import { auditListeners, type Db, type Executor } from './client.js';
import { auditTable } from './schema.js';

/** An event as its audit row. */
export function auditRow(e: AuditEvent) {
  return { at: e.at, event: e.event, accountId: e.accountId ?? null, subject: e.subject ?? null, address: e.address ?? null, detail: e.detail ? JSON.stringify(e.detail) : null };
}

/** SPEC O3: one log line per security event, heard through the executor that wrote it; a logging failure never breaks the write. */
export function announce(ex: Executor, e: AuditEvent): void {
  try {
    auditListeners.get(ex)?.(e);
  } catch {
    /* a log line is never worth a failed request */
  }
}

/** Writes one event through the caller's transaction (or the db), so it commits or rolls back with the change it records. */
export function writeAudit(ex: Executor, e: AuditEvent): void {
  ex.insert(auditTable).values(auditRow(e)).run();
  announce(ex, e);
}

/**
 * SPEC X5: a refusal joins the newest row of the same event, identifier, address and reason begun within `windowMs` — its
 * detail then holds `count` and `lastAt` — or starts a row. Statements prepared once per database (issue 20); they run on
 * its one connection, inside the caller's transaction.
 */
export function coalescedAudit(db: Db) {
  const latest = db
    .select({ id: auditTable.id, detail: auditTable.detail })
    .from(auditTable)
    .where(and(eq(auditTable.subject, sql.placeholder('subject')), gt(auditTable.at, sql.placeholder('since')), eq(auditTable.event, sql.placeholder('event')), eq(auditTable.address, sql.placeholder('address'))))
    // the (subject, at) index answers it; ordering by id would walk the whole table backwards
    .orderBy(desc(auditTable.at))
    .limit(1)
    .prepare();
  const update = db.update(auditTable).set({ detail: sql`${sql.placeholder('detail')}` }).where(eq(auditTable.id, sql.placeholder('id'))).prepare();
  return (ex: Executor, e: AuditEvent & { subject: string; address: string; detail: { reason: string } }, windowMs: number): void => {
    const row = latest.get({ subject: e.subject, since: e.at - windowMs, event: e.event, address: e.address });
    const detail = row?.detail ? (JSON.parse(row.detail) as { reason?: string; count?: number }) : undefined;
    if (!row || detail?.reason !== e.detail.reason) return writeAudit(ex, e);
    update.run({ id: row.id, detail: JSON.stringify({ ...detail, count: (detail.count ?? 1) + 1, lastAt: e.at }) });
    // SPEC O3: the log still has a line for every refusal
    announce(ex, e);
  };
}

export function auditStore(db: Db): AuditStore {
  return {
    async record(e) {
      writeAudit(db, e);
    },
    async list(since) {
      return db.select().from(auditTable).where(gte(auditTable.at, since)).orderBy(asc(auditTable.id)).all();
    },
    onRecord(listener) {
      auditListeners.set(db, listener);
    },
  };
}
