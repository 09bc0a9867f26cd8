// Settings (SPEC T2) as a member does them: password change and My ID change, each with its error states.
import { expect } from 'vitest';
import type { Walker } from '../support/walker.js';
import { DEMO_MEMBER, signInMember } from './signin.js';

/** Runs after the new-My-ID walk, whose account (new-<lang>@example.jp) it changes, so the demo accounts stay as they are. */
export async function settings(w: Walker, account: { id: string; password: string }, changed: { id: string; password: string }) {
  const { t } = w;
  await signInMember(w, account.id, account.password);
  expect(await w.path()).toBe('/top');
  await w.follow(t('member.settingsLink'));
  await w.expectPage(200, t('settings.heading'), t('settings.currentMyId', { email: account.id }));

  // password change: empty, wrong current password, broken rule, then done
  await w.follow(t('settings.passwordLink'));
  await w.expectPage(200, t('settings.passwordHeading'), t('password.rulesHeading'));
  await w.press(t('settings.submitChange'));
  expect(w.last.status).toBe(400);
  await w.expectErrorsMention(t('settings.errorCurrentRequired'), t('password.errorRequired'));
  await w.fill(t('settings.currentPasswordLabel'), 'Not#theRight1');
  await w.fill(t('password.newLabel'), changed.password);
  await w.fill(t('password.confirmLabel'), changed.password);
  await w.press(t('settings.submitChange'));
  await w.expectErrorsMention(t('settings.errorCurrentWrong'));
  await w.fill(t('settings.currentPasswordLabel'), account.password);
  await w.fill(t('password.newLabel'), changed.password);
  await w.fill(t('password.confirmLabel'), `${changed.password}x`);
  await w.press(t('settings.submitChange'));
  await w.expectErrorsMention(t('password.errorMismatch'));
  await w.fill(t('settings.currentPasswordLabel'), account.password);
  await w.fill(t('password.newLabel'), changed.password);
  await w.fill(t('password.confirmLabel'), changed.password);
  await w.press(t('settings.submitChange'));
  expect(await w.path()).toBe('/settings?done=password');
  expect(await w.mainText()).toContain(t('settings.passwordDone'));

  // My ID change: the same address, a taken one, then a new one with its emailed code and the current password
  await w.follow(t('settings.myIdLink'));
  await w.expectPage(200, t('settings.myIdHeading'));
  await w.press(t('settings.submitEmail'));
  expect(w.last.status).toBe(400);
  await w.fill(t('settings.emailLabel'), account.id);
  await w.press(t('settings.submitEmail'));
  await w.expectErrors(t('settings.errorEmailSame'));
  await w.fill(t('settings.emailLabel'), DEMO_MEMBER.id);
  await w.press(t('settings.submitEmail'));
  expect(w.last.status).toBe(409);
  await w.expectErrors(t('registration.errorEmailTaken'));
  await w.fill(t('settings.emailLabel'), changed.id);
  await w.press(t('settings.submitEmail'));
  await w.expectPage(200, t('settings.codeHeading'));
  // a mistyped address can be corrected from the code page: back to the address step, then the same address again
  await w.press(t('verify.changeAddress'));
  await w.expectPage(200, t('settings.myIdHeading'));
  await w.fill(t('settings.emailLabel'), changed.id);
  await w.press(t('settings.submitEmail'));
  await w.expectPage(200, t('settings.codeHeading'));
  await w.fill(t('verify.codeLabel'), (await w.server.latestCode(changed.id)));
  await w.press(t('verify.codeSubmit'));
  await w.expectPage(200, t('settings.confirmHeading'), changed.id);
  await w.fill(t('settings.currentPasswordLabel'), 'Not#theRight1');
  await w.press(t('settings.submitChange'));
  await w.expectErrors(t('settings.errorCurrentWrong'));
  await w.fill(t('settings.currentPasswordLabel'), changed.password);
  await w.press(t('settings.submitChange'));
  expect(await w.path()).toBe('/settings?done=my-id');
  expect(await w.mainText()).toContain(t('settings.myIdDone', { email: changed.id }));

  // the new ID and password sign in
  await w.press(t('common.signOut'));
  await signInMember(w, changed.id, changed.password);
  expect(await w.path()).toBe('/top');
  await w.press(t('common.signOut'));
}
