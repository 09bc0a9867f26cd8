// SPEC O3: every security event written to the audit log is also one log line, carrying the request id of the request
// that caused it. The audit store hands each one to its listener where the row is written; the composition root (createApp, a command) says where it goes.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { AuditEvent } from '../db/contract.js';

/** An audit row as it is written (SPEC X5), before redaction. */
export type SecurityEvent = AuditEvent;

type Listener = (e: SecurityEvent) => void;

/** The request being served, so that lines written deep inside (security events) carry its id. */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

/** Sends every security event the audit store records to the logger (each store set hears only its own database). */
export function logSecurityEvents(audit: { onRecord(listener: Listener): void }, logger: Logger): void {
  audit.onRecord((e) => {
    const reqId = requestContext.getStore()?.reqId;
    logger.info(
      { reqId, event: e.event, accountId: e.accountId ?? undefined, subject: e.subject ?? undefined, address: e.address ?? undefined, detail: e.detail },
      'security event',
    );
  });
}
