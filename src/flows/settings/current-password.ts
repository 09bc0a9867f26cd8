// SPEC T2 + L5: the current password asked before a change; wrong entries count towards the My ID's lock like sign-in failures.
import { countedCheck } from '../../auth/counted-check.js';
import { identifierHash, isLocked } from '../../auth/lockout.js';
import { normalisePassword } from '../../auth/normalise.js';
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
  const counted = await countedCheck(deps, {
    who,
    reason: 'current_password',
    locked: (await isLocked(deps, who.identifierHash)) ? { until: null } : null,
    check: async () => {
      if (await deps.passwords.verify(account.passwordHash, password)) return { right: 'ok' as const };
      // SPEC D1: the lock notice is stored with the lock
      return { wrong: { lockNotice: configuredLockNotice(deps.config, deps.clock.now(), { to: account.email, identifier: account.email, kind: 'myId', lang: ctx.lang }) } };
    },
  });
  if ('locked' in counted) return { check: await lockOut(deps, account.id) };
  return 'wrong' in counted ? { check: 'wrong', ...counted.wrong } : { check: 'ok' };
}

async function lockOut(deps: Deps, accountId: number): Promise<'locked'> {
  await deps.stores.sessions.deleteForAccount(accountId);
  return 'locked';
}

/** Issue 19: from the 3rd wrong current password on, how many more sign the member out. */
export function triesLeftWarning(t: T, counted: { failures?: number; remaining?: number }): string {
  return counted.failures !== undefined && counted.remaining !== undefined && counted.failures >= 3 && counted.remaining > 0 ? t('settings.currentTriesLeft', { n: counted.remaining }) : '';
}
