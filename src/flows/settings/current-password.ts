// SPEC T2 + L5: the current password asked before a change; wrong entries count towards the My ID's lock like sign-in failures.
import { countFailure, identifierHash, isLocked } from '../../auth/lockout.js';
import { normalisePassword } from '../../auth/normalise.js';
import { verifyPassword } from '../../auth/password.js';
import type { Deps } from '../../deps.js';
import type { Lang, T } from '../../i18n/index.js';
import { configuredLockNotice } from '../../notify/lock-texts.js';

export type CurrentPasswordCheck = 'ok' | 'missing' | 'wrong' | 'locked';

/**
 * Without this count a stolen session could guess the password without limit. A lock ends every session of the account
 * (the member must reset the password, SPEC L5) and sends the lock notice. For a wrong password it also says how many more
 * wrong ones lock the ID (issue 19: warn before signing the member out).
 */
export async function checkCurrentPasswordCounted(
  deps: Deps,
  account: { id: number; email: string; passwordHash: string },
  typed: string,
  ctx: { address: string; lang: Lang },
): Promise<{ check: CurrentPasswordCheck; failures?: number; remaining?: number }> {
  const password = normalisePassword(typed);
  if (password === '') return { check: 'missing' };
  const who = { identifierHash: identifierHash(deps.config.SECRET, account.email), accountId: account.id, address: ctx.address };
  if (await isLocked(deps, who.identifierHash)) return { check: await lockOut(deps, account.id) };
  if (await verifyPassword(account.passwordHash, password)) return { check: 'ok' };
  // SPEC D1: the lock notice is stored with the lock
  const notice = configuredLockNotice(deps.config, deps.clock.now(), { to: account.email, identifier: account.email, kind: 'myId', lang: ctx.lang });
  const count = await countFailure(deps, who, 'current_password', undefined, notice);
  if (count.locked) return { check: await lockOut(deps, account.id) };
  return { check: 'wrong', failures: count.failures, remaining: deps.config.LOGIN_MAX_FAILURES - count.failures };
}

async function lockOut(deps: Deps, accountId: number): Promise<'locked'> {
  await deps.stores.sessions.deleteForAccount(accountId);
  return 'locked';
}

/** Issue 19: from the 3rd wrong current password on, how many more sign the member out. */
export function triesLeftWarning(t: T, counted: { failures?: number; remaining?: number }): string {
  return counted.failures !== undefined && counted.remaining !== undefined && counted.failures >= 3 && counted.remaining > 0 ? t('settings.currentTriesLeft', { n: counted.remaining }) : '';
}
