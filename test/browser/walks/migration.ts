// Migration from a legacy or initial ID (SPEC L3, M1–M9) as card holders do it: every branch of the demo data.
import { expect } from 'vitest';
import { codesOtherThan } from '../../helpers/codes.js';
import type { Walker } from '../support/walker.js';
import { DEMO_MEMBER, signInMember } from './signin.js';

const smsTo = (last4: string) => (m: { channel: string; to: string }) => m.channel === 'sms' && m.to.replace(/\D/g, '').endsWith(last4);
const voiceTo = (last4: string) => (m: { channel: string; to: string }) => m.channel === 'voice' && m.to.replace(/\D/g, '').endsWith(last4);

async function startMigration(w: Walker, id: string, password: string) {
  const { t } = w;
  await w.open('/login');
  await signInMember(w, id, password);
  expect(await w.path()).toBe('/migration/terms');
  await w.expectPage(200, t('migration.termsHeading'), t('migration.termsIntro'));
  // SPEC §3: at the terms the rest of the path is not known yet (はい or いいえ comes next), so no total
  expect(await w.step()).toBe(t('common.stepOpen', { current: 1 }));
}

/** demo-multi: keep the card's email (M2 はい), SMS on arrival (M6), password rules (M7), completion linking both cards with that email (M8). */
export async function migrationKeepEmail(w: Walker, newPassword: string) {
  const { t } = w;
  await startMigration(w, 'demo-multi', 'demo-pass-4');
  await w.press(t('migration.termsAccept'));
  expect(await w.path()).toBe('/migration/email-choice');
  await w.expectPage(200, t('migration.choiceHeading'), t('migration.choiceLinkNote'));
  expect(await w.mainText()).not.toContain('ken.tanaka@example.jp'); // shown masked
  await w.press(t('migration.yes'));

  expect(await w.path()).toBe('/migration/phone');
  await w.expectPage(200, t('verify.phoneHeading'), '7890');
  await w.fill(t('verify.codeLabel'), (await w.server.latestCode(smsTo('7890'))));
  await w.press(t('verify.codeSubmit'));

  expect(await w.path()).toBe('/migration/password');
  // issue 19 item 8: before 登録 commits, which cards are linked and which stay separate
  await w.expectPage(200, t('migration.passwordHeading'), t('commit.heading'), t('commit.separate'), t('commit.cardEmailKept'));
  const summary = await w.mainText();
  expect(summary).toMatch(/0042[\s\S]*0158[\s\S]*0265/);
  await w.fill(t('password.newLabel'), 'Tanaka#0229x');
  await w.fill(t('password.confirmLabel'), 'Tanaka#0229x');
  await w.press(t('migration.register'));
  expect(w.last.status).toBe(400);
  await w.expectErrorsMention(t('password.errorBirthdate'), t('password.errorName'));
  await w.fill(t('password.newLabel'), newPassword);
  await w.fill(t('password.confirmLabel'), newPassword);
  await w.press(t('migration.register'));

  expect(await w.path()).toBe('/migration/done');
  await w.expectPage(200, t('migration.doneHeading'), t('migration.doneBody'), t('commit.headingDone'), t('commit.separateDone'));
  await w.follow(t('migration.doneSignIn'));
  expect(await w.page.getByLabel(new RegExp(`^${t('signin.idLabel')}`)).first().inputValue()).toBe('ken.tanaka@example.jp');
  await signInMember(w, 'ken.tanaka@example.jp', newPassword);
  expect(await w.path()).toBe('/top');
  const top = await w.mainText();
  expect(top).toContain('0042');
  expect(top).toContain('0158'); // same holder, same email: linked (M8)
  expect(top).not.toContain('0265'); // a different registered email: not linked
  await w.press(t('common.signOut'));

  // L4: the retired legacy ID now gets the generic error
  await signInMember(w, 'demo-multi', 'demo-pass-4');
  await w.expectErrors(t('signin.errorGeneric'));
}

/** demo-voice: a new email (M3 with its errors), the email code (M4), confirm (M5), a landline voice call (M6-2). */
export async function migrationNewEmailVoice(w: Walker, newPassword: string) {
  const { t } = w;
  const email = `voice-${w.lang}@example.jp`;
  const typo = `voice-${w.lang}@exmaple.jp`;
  await startMigration(w, 'demo-voice', 'demo-pass-2');
  await w.press(t('migration.termsAccept'));
  await w.press(t('migration.no'));

  expect(await w.path()).toBe('/migration/new-email');
  await w.press(t('migration.register'));
  expect(w.last.status).toBe(400);
  await w.fill(t('migration.emailLabel'), 'ichiro@example');
  await w.press(t('migration.register'));
  expect(w.last.status).toBe(400);
  await w.expectErrorsMention(t('registration.emailErrorFormat'));
  await w.fill(t('migration.emailLabel'), DEMO_MEMBER.id);
  await w.press(t('migration.register'));
  expect(w.last.status).toBe(409);
  await w.expectErrors(t('migration.emailTaken'));
  await w.fill(t('migration.emailLabel'), typo);
  await w.press(t('migration.register'));

  expect(await w.path()).toBe('/migration/email-code');
  await w.expectPage(200, t('migration.emailCodeHeading'));
  const code = (await w.server.latestCode(typo));
  await w.fill(t('verify.codeLabel'), codesOtherThan(code)[0]);
  await w.press(t('verify.codeSubmit'));
  expect(w.last.status).toBe(422);
  await w.expectErrors(t('verify.codeErrorMismatch'));
  await w.fill(t('verify.codeLabel'), code);
  await w.press(t('verify.codeSubmit'));

  expect(await w.path()).toBe('/migration/confirm-email');
  await w.expectPage(200, t('migration.confirmHeading'), t('migration.confirmQuestion', { email: typo }));
  // SPEC M5: a typo is corrected at M3 with the address filled in, not by いいえ ending the procedure
  await w.press(t('migration.confirmChange'));
  expect(await w.path()).toBe('/migration/new-email');
  expect(await w.page.getByLabel(new RegExp(`^${t('migration.emailLabel')}`)).first().inputValue()).toBe(typo);
  await w.fill(t('migration.emailLabel'), email);
  await w.press(t('migration.register'));
  expect(await w.path()).toBe('/migration/email-code');
  await w.fill(t('verify.codeLabel'), await w.server.latestCode(email));
  await w.press(t('verify.codeSubmit'));
  expect(await w.path()).toBe('/migration/confirm-email');
  await w.expectPage(200, t('migration.confirmHeading'), t('migration.confirmQuestion', { email }));
  await w.press(t('migration.yes'));

  // M6-2: landline only — choose the number, then the voice call brings the code
  expect(await w.path()).toBe('/migration/phone');
  await w.expectPage(200, t('verify.phoneHeading'), t('verify.phoneLandlineHeading'));
  await w.press(t('verify.phoneSendVoice'));
  await w.fill(t('verify.codeLabel'), (await w.server.latestCode(voiceTo('5678'))));
  await w.press(t('verify.codeSubmit'));

  expect(await w.path()).toBe('/migration/password');
  await w.fill(t('password.newLabel'), newPassword);
  await w.fill(t('password.confirmLabel'), newPassword);
  await w.press(t('migration.register'));
  expect(await w.path()).toBe('/migration/done');
  await w.expectPage(200, t('migration.doneHeading'), t('migration.doneMyId', { email }), t('commit.headingDone'));
  await w.follow(t('migration.doneSignIn'));
  await signInMember(w, email, newPassword);
  expect(await w.path()).toBe('/top');
  await w.press(t('common.signOut'));
}

/** The short branches: card email taken (M2), no card email, both phone kinds, initial ID, cancel (M1), skipping ahead. */
export async function migrationBranches(w: Walker) {
  const { t } = w;
  // M2: はい on an address that is already a My ID → M3 with the message; ログインへ戻る ends the flow
  await startMigration(w, 'demo-taken', 'demo-pass-7');
  await w.press(t('migration.termsAccept'));
  await w.press(t('migration.yes'));
  expect(await w.path()).toBe('/migration/new-email');
  expect(await w.mainText()).toContain(t('migration.cardEmailTaken'));
  await w.press(t('migration.backToSignIn'));
  expect(await w.path()).toBe('/login?flow=cancelled');
  await w.expectPage(200, t('signin.heading'), t('signin.flowCancelled'));

  // no registered email → straight to M3; a later step asked for directly redirects back
  await startMigration(w, 'demo-noemail', 'demo-pass-9');
  await w.press(t('migration.termsAccept'));
  expect(await w.path()).toBe('/migration/new-email');
  await w.open('/migration/password');
  expect(await w.path()).toBe('/migration/new-email');
  await w.press(t('migration.backToSignIn'));

  // a holder with a mobile and a landline sees both ways to receive the code
  await startMigration(w, 'demo-both', 'demo-pass-3');
  await w.press(t('migration.termsAccept'));
  await w.press(t('migration.yes'));
  expect(await w.path()).toBe('/migration/phone');
  await w.expectPage(200, t('verify.phoneHeading'), t('verify.phoneMobileHeading'), t('verify.phoneLandlineHeading'));
  await w.press(t('verify.cancel'));
  expect(await w.path()).toBe('/login?flow=cancelled');

  // an initial ID starts the same flow; キャンセル on the terms ends it
  await startMigration(w, 'init-demo', 'demo-init-1');
  await w.press(t('migration.cancel'));
  expect(await w.path()).toBe('/login?flow=cancelled');

  // L4: a legacy ID already migrated gets the generic error
  await signInMember(w, 'demo-done', 'demo-pass-8');
  await w.expectErrors(t('signin.errorGeneric'));
}
