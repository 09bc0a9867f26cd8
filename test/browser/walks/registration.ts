// Create a new My ID (SPEC G1–G3) as a person does it: card number + birth date, SMS code, terms, new email, email code, password.
import { expect } from 'vitest';
import type { Walker } from '../support/walker.js';
import { DEMO_MEMBER, signInMember } from './signin.js';

/** demo-08 (the locked My ID of the demo data): "a lock that reset cannot clear" is what G is for. */
const HOLDER = { card: '4980 1234 0088 0080', birthdate: '1977-12-01', phoneLast4: '5555' };

/** Issue 19 item 6: the birth date as three labelled fields (年・月・日), typed as a person would. */
async function fillBirthdate(w: Walker, iso: string) {
  const [year, month, day] = iso.split('-');
  await w.fill(w.t('registration.birthYear'), year);
  await w.fill(w.t('registration.birthMonth'), String(Number(month)));
  await w.fill(w.t('registration.birthDay'), String(Number(day)));
}

export async function registration(w: Walker, newPassword: string) {
  const { t } = w;
  const email = `new-${w.lang}@example.jp`;
  await w.open('/login');
  await w.follow(t('signin.createMyId'));
  expect(await w.path()).toBe('/register');
  await w.expectPage(200, t('registration.startHeading'));

  await w.press(t('registration.next'));
  expect(w.last.status).toBe(400);
  await w.expectErrors(t('registration.errorCardRequired'), t('registration.errorBirthdateRequired'));

  // SPEC G1: wrong details → one generic error, entered card number kept
  await w.fill(t('registration.cardLabel'), HOLDER.card);
  await fillBirthdate(w, '1977-12-02');
  await w.press(t('registration.next'));
  expect(w.last.status).toBe(422);
  await w.expectErrorsMention(t('registration.errorDetails'));

  await w.fill(t('registration.cardLabel'), HOLDER.card);
  await fillBirthdate(w, HOLDER.birthdate);
  await w.press(t('registration.next'));

  // G2: phone code (SMS sent on arrival)
  expect(await w.path()).toBe('/register/phone');
  await w.expectPage(200, t('verify.phoneHeading'));
  expect(await w.mainText()).toContain(HOLDER.phoneLast4);
  await w.fill(t('verify.codeLabel'), (await w.server.latestCode((m) => m.channel === 'sms' && m.to.replace(/\D/g, '').endsWith(HOLDER.phoneLast4))));
  await w.press(t('verify.codeSubmit'));

  // M1: the terms in a scrollable region the keyboard can reach
  expect(await w.path()).toBe('/register/terms');
  await w.expectPage(200, t('registration.termsHeading'));
  await w.press(t('registration.termsAccept'));

  // M3: email rules and an address that is already a My ID
  expect(await w.path()).toBe('/register/email');
  await w.fill(t('registration.emailLabel'), 'abc@@example.jp');
  await w.press(t('registration.emailSubmit'));
  expect(w.last.status).toBe(400);
  await w.expectErrorsMention(t('registration.emailErrorFormat'));
  await w.fill(t('registration.emailLabel'), DEMO_MEMBER.id);
  await w.press(t('registration.emailSubmit'));
  expect(w.last.status).toBe(409);
  await w.expectErrors(t('registration.errorEmailTaken'));
  await w.fill(t('registration.emailLabel'), email);
  await w.press(t('registration.emailSubmit'));

  // M4: the code emailed to the new address
  expect(await w.path()).toBe('/register/email-code');
  await w.expectPage(200, t('registration.emailCodeHeading'));
  await w.fill(t('verify.codeLabel'), (await w.server.latestCode(email)));
  await w.press(t('verify.codeSubmit'));

  // M7 → M8
  expect(await w.path()).toBe('/register/password');
  // issue 19 item 8: before the button commits, every card of the holder moving to the new My ID
  await w.expectPage(200, t('registration.passwordHeading'), t('commit.heading'), t('commit.linked'));
  await w.fill(t('password.newLabel'), 'Kobayashi#1977');
  await w.fill(t('password.confirmLabel'), 'Kobayashi#1977');
  await w.press(t('registration.passwordSubmit'));
  expect(w.last.status).toBe(400);
  await w.expectErrorsMention(t('password.errorName'));
  await w.fill(t('password.newLabel'), newPassword);
  await w.fill(t('password.confirmLabel'), newPassword);
  await w.press(t('registration.passwordSubmit'));
  expect(await w.path()).toBe('/register/done');
  await w.expectPage(200, t('registration.doneHeading'), t('commit.headingDone'));

  await w.follow(t('registration.doneSignIn'));
  await signInMember(w, email, newPassword);
  expect(await w.path()).toBe('/top');
  await w.press(t('common.signOut'));
}
