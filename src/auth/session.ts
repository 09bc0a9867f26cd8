// Sessions (SPEC T3, X3): a fresh token at sign-in and every privilege change, idle and absolute timeouts.
import type { Deps } from '../deps.js';
import type { SessionRow } from '../db/contract.js';
import { keyedHash, newToken } from './secrets.js';

export type SessionInfo = SessionRow & { token: string };

const TOUCH_EVERY_MS = 60_000;

const hashToken = (deps: Deps, token: string) => keyedHash(deps.config.SECRET, 'session', token);

/** A new session's cookie token and the hash it is stored under (a sign-in stores it in its own transaction, issue 20). */
export function newSessionToken(deps: Deps): { token: string; tokenHash: string } {
  const token = newToken();
  return { token, tokenHash: hashToken(deps, token) };
}

/** Starts a session for an account; returns the cookie token. */
export async function startSession(deps: Deps, accountId: number): Promise<string> {
  const { token, tokenHash } = newSessionToken(deps);
  await deps.stores.sessions.insert(tokenHash, accountId, deps.clock.now());
  return token;
}

/**
 * The live session for a cookie token, touched; `expired` when it timed out (and is now deleted), `unknown` when no
 * session has that token (never issued, signed out, or pruned).
 */
export async function resumeSession(deps: Deps, token: string): Promise<SessionInfo | 'expired' | 'unknown'> {
  const row = await deps.stores.sessions.find(hashToken(deps, token));
  if (!row) return 'unknown';
  const now = deps.clock.now();
  const idle = now - row.lastSeenAt > deps.config.SESSION_IDLE_SECONDS * 1000;
  const tooOld = now - row.createdAt > deps.config.SESSION_MAX_SECONDS * 1000;
  if (idle || tooOld) {
    await deps.stores.sessions.delete(row.id);
    return 'expired';
  }
  // a page view writes at most once a minute: idle time is measured to within that minute, and pages show the stored time
  if (now - row.lastSeenAt < TOUCH_EVERY_MS) return { ...row, token };
  await deps.stores.sessions.touch(row.id, now);
  return { ...row, lastSeenAt: now, token };
}

/** SPEC X6: the extend button — the idle clock starts again now; the absolute end (SESSION_MAX_SECONDS) stays. */
export async function extendSession(deps: Deps, session: SessionInfo): Promise<void> {
  await deps.stores.sessions.touch(session.id, deps.clock.now());
}

/** SPEC X3: a privilege change gets a new token; with `endOthers` the account's other sessions end too. */
export async function rotateSession(deps: Deps, current: SessionInfo, endOthers: boolean): Promise<string> {
  const token = newToken();
  const id = await deps.stores.sessions.insert(hashToken(deps, token), current.accountId, deps.clock.now());
  if (endOthers) await deps.stores.sessions.deleteForAccount(current.accountId, id);
  else await deps.stores.sessions.delete(current.id);
  return token;
}

/** SPEC X3/S10: sign-out deletes the session server-side and is audited, with why it ended. */
export async function endSession(deps: Deps, session: SessionInfo, address?: string, reason: 'sign_out' | 'terms_declined' | 'new_sign_in' = 'sign_out'): Promise<void> {
  await deps.stores.sessions.end({ id: session.id, accountId: session.accountId, now: deps.clock.now(), address, reason });
}
