// Sign-in with a My ID, a legacy ID or an initial ID (SPEC L2–L4): one answer for every kind of failure.
import type { Deps } from '../deps.js';
import { findOpenAccountByEmail, recordSignIn } from '../db/stores/accounts.js';
import { findUsableCredential } from '../db/stores/credentials.js';
import { normaliseIdentifier, normalisePassword } from './normalise.js';
import { verifyDummy, verifyPassword } from './password.js';

export type SignInInput = { identifier: string; password: string; address: string };

export type SignInResult =
  | { kind: 'member'; accountId: number }
  | { kind: 'legacy'; credentialId: number; cardId: number; holderId: number }
  | { kind: 'refused' };

/** An email-shaped ID is a My ID; anything else is a legacy or initial ID. */
export function isMyIdShape(identifier: string): boolean {
  return identifier.includes('@');
}

/** Checks the password against the account or credential the ID names, or a dummy hash when there is none (SPEC L6). */
export async function checkCredentials(deps: Deps, input: SignInInput): Promise<SignInResult> {
  const id = normaliseIdentifier(input.identifier);
  const password = normalisePassword(input.password);
  if (isMyIdShape(id)) {
    const account = await findOpenAccountByEmail(deps.db, id);
    if (!account) return (await verifyDummy(password), { kind: 'refused' });
    if (!(await verifyPassword(account.passwordHash, password))) return { kind: 'refused' };
    return { kind: 'member', accountId: account.id };
  }
  const credential = await findUsableCredential(deps.db, id, deps.clock.now());
  if (!credential) return (await verifyDummy(password), { kind: 'refused' });
  if (!(await verifyPassword(credential.passwordHash, password))) return { kind: 'refused' };
  return { kind: 'legacy', credentialId: credential.id, cardId: credential.cardId, holderId: credential.holderId };
}

/** SPEC L2: the previous sign-in time is kept for the top page. */
export async function completeMemberSignIn(deps: Deps, accountId: number): Promise<void> {
  await recordSignIn(deps.db, accountId, deps.clock.now());
}
