// The sign-in decision (SPEC L2–L7): address throttle → lock check → verify (or a dummy) → count, one answer per outcome.
import type { Deps } from '../deps.js';
import type { AttemptWho, OutboxMessage } from '../db/contract.js';
import { configuredLockNotice } from '../notify/lock-texts.js';
import { countedCheck, type Checked } from './counted-check.js';
import { identifierHash, isMyIdShape, lockMessageFor } from './lockout.js';
import { normaliseIdentifier, normalisePassword } from './normalise.js';
import { hashPassword, hashQueueFull, HashQueueFullError, isWeakerThanCurrent } from './password.js';
import { newSessionToken } from './session.js';
import { addressFailureOf, checkSignIn, refuseLockedSignIn } from './throttle.js';

export { isMyIdShape } from './lockout.js';

export type SignInInput = { identifier: string; password: string; address: string };

export type SignInResult =
  | { kind: 'member'; accountId: number; sessionToken: string }
  | { kind: 'legacy'; credentialId: number; cardId: number; holderId: number }
  | { kind: 'refused'; failures: number; remaining: number }
  | { kind: 'locked'; message: 'myId' | 'legacy' }
  | { kind: 'throttled'; retryAt: number };

/** What the password matched; a wrong one carries what its lock notice needs (`email`: the account's, none without one). */
type Match =
  | { kind: 'member'; accountId: number; storedHash: string }
  | (Extract<SignInResult, { kind: 'legacy' }> & { storedHash: string })
  | { kind: 'refused'; accountId?: number; email?: string | null };
/** A right password's answer, with the stored hash it matched (SPEC S7). */
type Signed = Extract<SignInResult, { kind: 'member' | 'legacy' }> & { storedHash: string };

/** Checks the password against the account or credential the ID names, or a dummy hash when there is none (SPEC L6). */
async function matchCredentials(deps: Deps, id: string, password: string): Promise<Match> {
  const { passwords } = deps;
  if (isMyIdShape(id)) {
    const account = await deps.stores.accounts.findOpenByEmail(id);
    if (!account) return (await passwords.verifyDummy(password), { kind: 'refused', email: null });
    if (!(await passwords.verify(account.passwordHash, password))) return { kind: 'refused', accountId: account.id, email: account.email };
    return { kind: 'member', accountId: account.id, storedHash: account.passwordHash };
  }
  // SPEC L4: an already-migrated legacy ID, a used or expired initial ID is not usable: dummy-verified like an unknown one
  const credential = await deps.stores.credentials.findUsable(id, deps.clock.now());
  if (!credential) return (await passwords.verifyDummy(password), { kind: 'refused' });
  if (!(await passwords.verify(credential.passwordHash, password))) return { kind: 'refused' };
  return { kind: 'legacy', credentialId: credential.id, cardId: credential.cardId, holderId: credential.holderId, storedHash: credential.passwordHash };
}

/** SPEC S7: a right password whose stored hash is weaker than today's parameters gets a hash at today's. */
async function upgradeWeakHash(deps: Deps, match: Signed, password: string): Promise<void> {
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

/** What a match writes: a failure with its lock notice; a legacy ID's success; a member's, with the new session (SPEC L2). */
async function counted(deps: Deps, id: string, match: Match): Promise<Checked<Signed>> {
  // SPEC D1/D3: the lock notice is stored with the lock; the worker sends it, so no answer waits for a provider (L6)
  if (match.kind === 'refused') return { wrong: { accountId: match.accountId, lockNotice: await lockNoticeFor(deps, id, match.email) } };
  if (match.kind === 'legacy') return { right: match, success: { detail: { credentialId: match.credentialId } } };
  // issue 20: the previous sign-in time and the session are written in the success's transaction, one write after the hash
  const { token, tokenHash } = newSessionToken(deps);
  return { right: { ...match, sessionToken: token }, success: { accountId: match.accountId, signedIn: { accountId: match.accountId, sessionTokenHash: tokenHash } } };
}

/** The whole sign-in decision; known and unknown IDs take the same path, the same time and get the same answers. */
export async function signIn(deps: Deps, input: SignInInput): Promise<SignInResult> {
  const id = normaliseIdentifier(input.identifier);
  const password = normalisePassword(input.password);
  const key = identifierHash(deps.config.SECRET, id);
  // SPEC S6: with the hash queue full the request is turned away (503) before anything is counted for or against anyone
  if (hashQueueFull()) throw new HashQueueFullError();
  // SPEC L7: a throttled request is answered before any password is hashed; checking counts nothing (S6). One read (issue 20)
  const gate = await checkSignIn(deps, input.address, key);
  if (!gate.ok) return { kind: 'throttled', retryAt: gate.retryAt };
  const who: AttemptWho = { identifierHash: key, address: input.address };
  const outcome = await countedCheck<Signed>(deps, {
    who,
    reason: 'password',
    // SPEC L5: a right password does not unlock, so a locked ID is refused without looking at the password; one write
    locked: gate.locked ? { until: null } : null,
    refuse: () => refuseLockedSignIn(deps, who),
    // a full queue throws in here, before any count (SPEC S6)
    check: async () => counted(deps, id, await matchCredentials(deps, id, password)),
    // SPEC L7/S6: a failure counts for the address once its outcome is known, in the failure's transaction (issue 20)
    address: addressFailureOf(deps, input.address),
  });
  if ('locked' in outcome) return { kind: 'locked', message: lockMessageFor(id) };
  if ('wrong' in outcome) return { kind: 'refused', ...outcome.wrong };
  await upgradeWeakHash(deps, outcome.right, password);
  const { storedHash: _, ...result } = outcome.right;
  return result;
}
