// The audit log of security events (SPEC X5), and the log line each one is also (SPEC O3).
import { asc, gte } from 'drizzle-orm';
import type { AuditEvent, AuditStore } from '../contract.js';
import { auditListeners, type Db, type Executor } from './client.js';
import { auditTable } from './schema.js';

/** Writes one event through the caller's transaction (or the db), so it commits or rolls back with the change it records. */
export function writeAudit(ex: Executor, e: AuditEvent): void {
  ex.insert(auditTable)
    .values({
      at: e.at,
      event: e.event,
      accountId: e.accountId ?? null,
      subject: e.subject ?? null,
      address: e.address ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .run();
  // SPEC O3: one log line per security event; a logging failure never breaks the write
  try {
    auditListeners.get(ex)?.(e);
  } catch {
    /* a log line is never worth a failed request */
  }
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
