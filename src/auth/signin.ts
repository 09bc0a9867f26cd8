// The sign-in decision (SPEC L2–L7): address throttle → lock check → verify (or a dummy) → count, one answer per outcome.
import { silentLogger } from '../log/logger.js';
import type { Deps } from '../deps.js';
import type { AttemptWho, OutboxMessage } from '../db/contract.js';
import { configuredLockNotice } from '../notify/lock-texts.js';
import { countFailure, countSuccess, identifierHash, isMyIdShape, lockMessageFor } from './lockout.js';
import { normaliseIdentifier, normalisePassword } from './normalise.js';
import { hashPassword, hashQueueFull, HashQueueFullError, isWeakerThanCurrent, verifyDummy, verifyPassword } from './password.js';
import { addressFailureOf, checkSignIn, refuseLockedSignIn } from './throttle.js';

export { isMyIdShape } from './lockout.js';

export type SignInInput = { identifier: string; password: string; address: string };

export type SignInResult =
  | { kind: 'member'; accountId: number }
  | { kind: 'legacy'; credentialId: number; cardId: number; holderId: number }
  | { kind: 'refused'; failures: number; remaining: number }
  | { kind: 'locked'; message: 'myId' | 'legacy' }
  | { kind: 'throttled'; retryAt: number };

/** A refused My ID carries what its lock notice needs (`email`: the account's, none when there is no account), so nothing is read again. */
type Match = (Extract<SignInResult, { kind: 'member' | 'legacy' }> & { storedHash: string }) | { kind: 'refused'; accountId?: number; email?: string | null };

/** Checks the password against the account or credential the ID names, or a dummy hash when there is none (SPEC L6). */
async function matchCredentials(deps: Deps, id: string, password: string): Promise<Match> {
  if (isMyIdShape(id)) {
    const account = await deps.stores.accounts.findOpenByEmail(id);
    if (!account) return (await verifyDummy(password), { kind: 'refused', email: null });
    if (!(await verifyPassword(account.passwordHash, password))) return { kind: 'refused', accountId: account.id, email: account.email };
    return { kind: 'member', accountId: account.id, storedHash: account.passwordHash };
  }
  // SPEC L4: an already-migrated legacy ID, a used or expired initial ID is not usable: dummy-verified like an unknown one
  const credential = await deps.stores.credentials.findUsable(id, deps.clock.now());
  if (!credential) return (await verifyDummy(password), { kind: 'refused' });
  if (!(await verifyPassword(credential.passwordHash, password))) return { kind: 'refused' };
  return { kind: 'legacy', credentialId: credential.id, cardId: credential.cardId, holderId: credential.holderId, storedHash: credential.passwordHash };
}

/** SPEC S7: a right password whose stored hash is weaker than today's parameters gets a hash at today's. */
async function upgradeWeakHash(deps: Deps, match: Extract<Match, { storedHash: string }>, password: string): Promise<void> {
  if (!isWeakerThanCurrent(match.storedHash)) return;
  const fresh = await hashPassword(password);
  if (match.kind === 'member') await deps.stores.accounts.replaceHash(match.accountId, match.storedHash, fresh);
  else await deps.stores.credentials.replaceHash(match.credentialId, match.storedHash, fresh);
}

/**
 * SPEC L5: the lock notice goes to the account's My ID, or for a legacy/initial ID to its card's registered email.
 * Whoever locked the ID chose the page's language, not its owner: the notice is in Japanese and English.
 */
async function lockNoticeFor(deps: Deps, id: string, known: string | null | undefined): Promise<OutboxMessage | null> {
  const kind = lockMessageFor(id);
  // a My ID's match has read its account already (known or not alike, L6); a legacy ID's notice goes to its card, in any state
  const to = kind === 'myId' ? known : (await deps.stores.credentials.findAnyState(id))?.cardEmail;
  if (!to) return null;
  return configuredLockNotice(deps.config, deps.clock.now(), { to, identifier: id, kind, lang: 'both' });
}

/** The whole sign-in decision; known and unknown IDs take the same path, the same time and get the same answers. */
export async function signIn(deps: Deps, input: SignInInput): Promise<SignInResult> {
  const id = normaliseIdentifier(input.identifier);
  const password = normalisePassword(input.password);
  const key = identifierHash(deps.config.SECRET, id);
  const locked = { kind: 'locked', message: lockMessageFor(id) } as const;
  // SPEC S6: with the hash queue full the request is turned away (503) before anything is counted for or against anyone
  if (hashQueueFull()) throw new HashQueueFullError();
  // SPEC L7: a throttled request is answered before any password is hashed; checking counts nothing (S6). One read (issue 20)
  const gate = await checkSignIn(deps, input.address, key);
  if (!gate.ok) return { kind: 'throttled', retryAt: gate.retryAt };
  const who: AttemptWho = { identifierHash: key, address: input.address };
  // SPEC L5: a right password does not unlock, so a locked ID is refused without looking at the password; one write
  if (gate.locked) return (await refuseLockedSignIn(deps, who), locked);

  // a full queue throws here, before any count (SPEC S6)
  const match = await matchCredentials(deps, id, password);
  if (match.kind === 'refused') {
    // SPEC L7/S6: a failure counts for the address once its outcome is known, in the failure's transaction (issue 20)
    // SPEC D1/D3: the lock notice is stored with the lock; the worker sends it, so no answer waits for a provider (L6)
    const notice = await lockNoticeFor(deps, id, match.email);
    const count = await countFailure(deps, { ...who, accountId: match.accountId }, 'password', undefined, notice, addressFailureOf(deps, input.address));
    return count.locked ? locked : { kind: 'refused', failures: count.failures, remaining: deps.config.LOGIN_MAX_FAILURES - count.failures };
  }
  const detail = match.kind === 'member' ? undefined : { credentialId: match.credentialId };
  const accountId = match.kind === 'member' ? match.accountId : undefined;
  // a concurrent failure may have locked the ID while this password was being verified
  // SPEC L2: a member's previous sign-in time is kept in the same transaction (issue 20: one write after the hash)
  if (!(await countSuccess(deps, { ...who, accountId }, detail, undefined, { signedIn: accountId, address: addressFailureOf(deps, input.address) }))) return locked;
  await upgradeWeakHash(deps, match, password);
  const { storedHash: _, ...result } = match;
  return result;
}
