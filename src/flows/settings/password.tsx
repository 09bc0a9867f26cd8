// SPEC T2 パスワード変更: current password + M7's two fields → new hash, other sessions ended, session rotated, notice to the My ID.
import type { Context } from 'hono';
import * as v from 'valibot';
import { ChangePasswordPage } from '../../../views/pages/settings/ChangePasswordPage.js';
import type { FieldError } from '../../../views/view.js';
import { rotateSession, type SessionInfo } from '../../auth/session.js';
import type { Deps } from '../../deps.js';
import type { Lang } from '../../i18n/index.js';
import { accountNotice } from '../../notify/account-texts.js';
import { paths } from '../../paths.js';
import { writeCookie } from '../../web/cookies.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { lockedResponse } from './locked.js';
import { supportOf } from '../steps/code-check.js';
import { checkCurrentPasswordCounted, triesLeftWarning } from './current-password.js';
import { hashNewPassword, newPasswordErrors, newPasswordProblems, readNewPassword } from '../steps/new-password-rules.js';

const CurrentForm = v.object({ current: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });

export type PasswordChangeResult =
  | { ok: true; token: string }
  | { error: 'gone' }
  | { error: 'locked' }
  | { error: 'invalid'; currentMissing: boolean; currentWrong: boolean; problems: ReturnType<typeof newPasswordProblems>; failures?: number; remaining?: number };

/** Checks the current password and the new one, then changes it; the caller sets the new session cookie. */
export async function changeMemberPassword(
  deps: Deps,
  input: { session: SessionInfo; current: string; password: string; confirm: string; address: string; lang: Lang },
): Promise<PasswordChangeResult> {
  const account = await deps.stores.settings.loadMemberAccount(input.session.accountId);
  if (!account) return { error: 'gone' };
  const problems = newPasswordProblems(input, account.facts, account.email);
  const { check: current, failures, remaining } = await checkCurrentPasswordCounted(deps, account, input.current, input);
  if (current === 'locked') return { error: 'locked' };
  if (current !== 'ok' || problems.length > 0) return { error: 'invalid', currentMissing: current === 'missing', currentWrong: current === 'wrong', problems, failures, remaining };

  const now = deps.clock.now();
  const passwordHash = await hashNewPassword(input.password);
  // SPEC T2: the member is told, by a notice stored with the change (D1)
  const notice = accountNotice({ kind: 'passwordChanged', to: account.email, lang: input.lang, brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) });
  const changed = await deps.stores.settings.changePassword({ accountId: account.id, passwordHash, verifiedHash: account.passwordHash, keepSessionId: input.session.id, now, address: input.address, outbox: () => [notice] });
  if (changed === 'gone') return { error: 'gone' };
  // another change (another browser of the member) replaced the password after it was checked here
  if (changed === 'stale') return { error: 'invalid', currentMissing: false, currentWrong: true, problems: [] };
  // SPEC T2, X3: a new session token; every other session of the member is already gone
  const token = await rotateSession(deps, input.session, true);
  return { ok: true, token };
}

function show(c: Context<AppEnv>, status: 200 | 400 | 422, errors: FieldError[] = []) {
  return c.html(<ChangePasswordPage v={viewOf(c)} errors={errors} />, status);
}

export const showChangePassword = (c: Context<AppEnv>) => show(c, 200);

export async function submitChangePassword(c: Context<AppEnv>) {
  const t = c.get('t');
  const parsed = v.safeParse(CurrentForm, c.get('form'));
  const current = parsed.success ? parsed.output.current : '';
  const result = await changeMemberPassword(c.get('deps'), {
    session: c.get('session')!,
    current,
    ...readNewPassword(c.get('form')),
    address: c.get('address'),
    lang: c.get('lang'),
  });
  if ('ok' in result) {
    writeCookie(c, 'sid', result.token);
    return c.redirect(`${paths.settings}?done=password`, 303);
  }
  if (result.error === 'gone') return c.redirect(paths.signIn, 303);
  if (result.error === 'locked') return lockedResponse(c);
  const errors: FieldError[] = [
    ...(result.currentMissing ? [{ field: 'current', message: t('settings.errorCurrentRequired') }] : []),
    ...(result.currentWrong ? [{ field: 'current', message: t('settings.errorCurrentWrong') + triesLeftWarning(t, result) }] : []),
    ...newPasswordErrors(t, result.problems),
  ];
  // a wrong current password is a refusal (422); only missing or rule-breaking entries are a bad form (400)
  return show(c, result.currentWrong && !result.currentMissing && result.problems.length === 0 ? 422 : 400, errors);
}
