// The audit log of security events (SPEC X5), and the log line each one is also (SPEC O3), on PostgreSQL.
import { asc, gte } from 'drizzle-orm';
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
