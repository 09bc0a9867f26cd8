// SPEC O3: every security event written to the audit log is also one log line, carrying the request id of the request
// that caused it. The audit store calls emitSecurityEvent; the composition root (createApp, a command) says where it goes.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

export type SecurityEvent = {
  at: number;
  event: string;
  accountId?: number | null;
  subject?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
};

type Listener = (e: SecurityEvent) => void;

/** The request being served, so that lines written deep inside (security events) carry its id. */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

// keyed by the database handle: two apps over two databases (tests) never hear each other's events
const listeners = new WeakMap<object, Listener>();

/** Sends every security event recorded on this database to the logger. */
export function logSecurityEvents(db: object, logger: Logger): void {
  listeners.set(db, (e) => {
    const reqId = requestContext.getStore()?.reqId;
    logger.info(
      { reqId, event: e.event, accountId: e.accountId ?? undefined, subject: e.subject ?? undefined, address: e.address ?? undefined, detail: e.detail },
      'security event',
    );
  });
}

/** Called where audit rows are written; a logging failure never breaks the write. */
export function emitSecurityEvent(db: object, e: SecurityEvent): void {
  const listener = listeners.get(db);
  if (!listener) return;
  try {
    listener(e);
  } catch {
    /* a log line is never worth a failed request */
  }
}
