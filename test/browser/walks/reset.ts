// Lockout (SPEC L5, L6) and password reset (R1–R3) as a person does them: codes read from the outbox, errors on every step.
import { expect } from 'vitest';
import { codesOtherThan } from '../../helpers/codes.js';
import type { Walker } from '../support/walker.js';
import { signInMember } from './signin.js';

export const DEMO_LOCKED = { id: 'locked@example.jp', password: 'Demo#2025lock', phoneLast4: '5555' };

/** SPEC L5/L6: five wrong passwords lock an ID — even one that does not exist — and the page says what to do. */
export async function lockout(w: Walker) {
  const { t } = w;
  await w.open('/login');
  const id = `nobody-${w.lang}-${w.mode}`; // legacy-shaped and unknown: locked all the same (L6)
  for (let i = 0; i < 5; i++) {
    await signInMember(w, id, `Wrong#${i}pass`);
    expect(w.last.status).toBe(422);
  }
  await w.expectErrors(t('signin.errorLockedLegacy'));
  expect(await w.mainText()).toContain(t('signin.lockedLegacyAction'));

  // the demo My ID that is already locked: the right password does not unlock it
  await signInMember(w, DEMO_LOCKED.id, DEMO_LOCKED.password);
  expect(w.last.status).toBe(422);
  await w.expectErrors(t('signin.errorLockedMyId'));
  expect(await w.mainText()).toContain(t('signin.lockedMyIdActionMyId'));

  // SPEC H1: the help page explains it
  await w.follow(t('common.helpLink'));
  await w.expectPage(200, t('help.heading'));
}

const fullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** SPEC R1–R3: the locked demo member resets the password with an email code and an SMS code, then signs in. */
export async function passwordReset(w: Walker, newPassword: string) {
  const { t } = w;
  await w.open('/login');
  await w.follow(t('signin.forgotPassword'));
  expect(await w.path()).toBe('/reset');
  await w.expectPage(200, t('reset.startHeading'));

  await w.press(t('reset.submit'));
  await w.expectPage(400, t('reset.startHeading'));
  await w.expectErrors(t('reset.errorEmailRequired'));
  await w.fill(t('reset.emailLabel'), 'locked.example.jp');
  await w.press(t('reset.submit'));
  await w.expectErrors(t('reset.errorEmailFormat'));

  // SPEC N1: a full-width address is converted, not refused
  await w.fill(t('reset.emailLabel'), fullWidth(DEMO_LOCKED.id));
  await w.press(t('reset.submit'));
  expect(await w.path()).toBe('/reset/email-code');
  await w.expectPage(200, t('reset.emailCodeHeading'));
  const firstCode = (await w.server.latestCode(DEMO_LOCKED.id));

  await w.press(t('verify.codeSubmit'));
  await w.expectErrors(t('verify.codeErrorRequired'));
  await w.fill(t('verify.codeLabel'), codesOtherThan(firstCode)[0]);
  await w.press(t('verify.codeSubmit'));
  expect(w.last.status).toBe(422);
  await w.expectErrors(t('verify.codeErrorMismatch'));

  // M6a: a resend replaces the code (the portal runs with CODE_RESEND_SECONDS=0 here)
  await w.press(t('verify.codeResend'));
  expect(w.last.status).toBe(200);
  expect(await w.mainText()).toContain(t('verify.codeResent'));
  expect((await w.server.outbox()).filter((m) => m.to === DEMO_LOCKED.id && m.code).length).toBe(2);
  const emailCode = (await w.server.latestCode(DEMO_LOCKED.id));
  await w.fill(t('verify.codeLabel'), emailCode);
  await w.press(t('verify.codeSubmit'));

  // SPEC M6: the SMS goes out on arrival; the page names the masked number
  expect(await w.path()).toBe('/reset/phone');
  await w.expectPage(200, t('verify.phoneHeading'));
  expect(await w.mainText()).toContain(DEMO_LOCKED.phoneLast4);
  const smsCode = (await w.server.latestCode((m) => m.channel === 'sms' && m.to.replace(/\D/g, '').endsWith(DEMO_LOCKED.phoneLast4)));
  await w.fill(t('verify.codeLabel'), smsCode);
  await w.press(t('verify.codeSubmit'));

  // SPEC M7: the rules, each broken rule with its own message, then a good password
  expect(await w.path()).toBe('/reset/password');
  await w.expectPage(200, t('reset.passwordHeading'), t('password.rulesHeading'), t('password.ruleLength'));
  await w.fill(t('password.newLabel'), 'password');
  await w.fill(t('password.confirmLabel'), 'passw0rd');
  await w.press(t('reset.passwordSubmit'));
  expect(w.last.status).toBe(400);
  const summary = await w.page.locator('.error-summary li').allInnerTexts();
  expect(summary).toContain(t('password.errorClasses'));
  expect(summary).toContain(t('password.errorMismatch'));

  await w.fill(t('password.newLabel'), newPassword);
  await w.fill(t('password.confirmLabel'), newPassword);
  await w.press(t('reset.passwordSubmit'));
  expect(await w.path()).toBe('/reset/done');
  await w.expectPage(200, t('reset.doneHeading'), t('reset.doneBody'));

  // SPEC R3: the lock is gone — the new password signs in
  await w.follow(t('reset.doneSignIn'));
  await signInMember(w, DEMO_LOCKED.id, newPassword);
  expect(await w.path()).toBe('/top');
  await w.press(t('common.signOut'));

  // SPEC §2: the demo outbox lists what was sent, newest first, codes included
  await w.follow(t('common.outboxLink'));
  await w.expectPage(200, t('common.outboxTitle'), DEMO_LOCKED.id, emailCode, smsCode);
}
