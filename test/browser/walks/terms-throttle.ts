// Revised terms after sign-in (SPEC T4), code resend spacing and lock (M6a), and the per-address sign-in throttle (L7),
// on a portal restarted with new settings.
import { expect } from 'vitest';
import { codesOtherThan } from '../../helpers/codes.js';
import { startPortal, type PortalServer } from '../support/server.js';
import type { Walker } from '../support/walker.js';
import { DEMO_MEMBER, signInMember } from './signin.js';

/** A portal whose demo data accepted terms 2025-01, restarted with TERMS_VERSION=2099-01 and IP_MAX_FAILURES=3. */
export async function revisedPortal(): Promise<PortalServer> {
  const first = await startPortal();
  await first.stop(true);
  return startPortal({ TERMS_VERSION: '2099-01', IP_MAX_FAILURES: '3' }, first.dir);
}

export async function revisedTermsAndThrottle(w: Walker) {
  const { t } = w;
  // T4: the member sees the new terms before any member page; declining signs out
  await signInMember(w);
  expect(await w.path()).toMatch(/^\/terms/);
  await w.expectPage(200, t('terms.pageHeading'), t('terms.intro'));
  await w.press(t('terms.decline'));
  expect(await w.path()).toBe('/login?out=1');
  await signInMember(w);
  await w.press(t('terms.accept'));
  expect(await w.path()).toBe('/top');
  await w.press(t('common.signOut'));

  // M6a on the reset flow (CODE_RESEND_SECONDS at its default of 30): a resend too soon, then wrong codes up to the lock
  await w.open('/reset');
  await w.fill(t('reset.emailLabel'), DEMO_MEMBER.id);
  await w.press(t('reset.submit'));
  expect(await w.path()).toBe('/reset/email-code');
  await w.press(t('verify.codeResend'));
  expect(w.last.status).toBe(429);
  await w.expectErrorsMention(...t('verify.codeErrorTooSoon').split('{time}'));
  const code = (await w.server.latestCode(DEMO_MEMBER.id));
  const wrong = codesOtherThan(code, 5);
  for (let i = 0; i < 5; i++) {
    await w.fill(t('verify.codeLabel'), wrong[i]);
    await w.press(t('verify.codeSubmit'));
  }
  expect(w.last.status).toBe(429);
  // issue 19 item 3: the lock is a page of its own — no code field, and the way back is to sign-in
  await w.expectPage(429, t('verify.lockedHeading'), t('verify.codeErrorLocked'), t('verify.lockedRestart'));
  expect(await w.page.locator('input[name="code"]').count()).toBe(0);
  await w.press(t('common.backToSignIn'));
  expect(await w.path()).toBe('/login?flow=cancelled');

  // L7: more than IP_MAX_FAILURES failures from one address → 429 and the wait
  let status = 0;
  for (let i = 0; i < 6 && status !== 429; i++) {
    await signInMember(w, DEMO_MEMBER.id, `Wrong#${i}pass`);
    status = w.last.status;
  }
  expect(status).toBe(429);
  await w.expectErrors(t('errors.throttled'));
}
