// Sign-in as a person does it (SPEC L1, L2, L4, T1, T3, X2, X4): empty fields, wrong password, a member to the top page and out again.
import { expect } from 'vitest';
import type { Walker } from '../support/walker.js';

export const DEMO_MEMBER = { id: 'member@example.jp', password: 'Demo#2025pass', name: { ja: '中村 優子', en: 'YUKO NAKAMURA' } };

export async function signInErrors(w: Walker) {
  const { t } = w;
  await w.open('/login');
  await w.expectPage(200, t('signin.heading'), t('signin.kindMyId'), t('signin.helpConfusable'));

  // SPEC X6: an empty form names each missing field in the summary, linking to it
  await w.press(t('signin.submit'));
  await w.expectPage(400, t('signin.heading'));
  await w.expectErrors(t('signin.errorIdRequired'), t('signin.errorPasswordRequired'));
  expect(await w.page.getByRole('link', { name: t('signin.errorIdRequired') }).getAttribute('href')).toBe('#id');

  // SPEC L4: one generic message, the entered ID kept, never the password
  await w.fill(t('signin.idLabel'), 'nobody@example.jp');
  await w.fill(t('signin.passwordLabel'), 'Wrong#pass1');
  await w.press(t('signin.submit'));
  await w.expectPage(422, t('signin.heading'), t('signin.genericExplainNotRegistered'), t('signin.genericExplainMigrated'));
  await w.expectErrors(t('signin.errorGeneric'));
  expect(await w.page.getByLabel(t('signin.idLabel'), { exact: false }).first().inputValue()).toBe('nobody@example.jp');
}

/** Signs the demo member in from the sign-in page and lands on the top page (SPEC L2, T1). */
export async function signInMember(w: Walker, id = DEMO_MEMBER.id, password = DEMO_MEMBER.password) {
  const { t } = w;
  if (!w.last || !w.last.path.startsWith('/login')) await w.open('/login');
  await w.fill(t('signin.idLabel'), id);
  await w.fill(t('signin.passwordLabel'), password);
  return w.press(t('signin.submit'));
}

export async function memberTopAndSignOut(w: Walker) {
  const { t } = w;
  await signInMember(w);
  expect(await w.path()).toBe('/top');
  await w.expectPage(200, t('member.heading', { name: DEMO_MEMBER.name[w.lang] }), t('member.cardsHeading'));
  expect(await w.mainText()).toMatch(/4980|0075|0182/); // the member's cards by their last 4 digits

  await w.follow(t('member.settingsLink'));
  expect(await w.path()).toBe('/settings');
  expect(w.last.status).toBe(200);

  // SPEC X3: sign-out is a POST button in the header
  await w.press(t('common.signOut'));
  expect(await w.path()).toBe('/login?out=1');
  await w.expectPage(200, t('signin.heading'), t('signin.signedOut'));

  // SPEC T3: a member page without a session lands on sign-in, and signing in returns there
  await w.open('/settings');
  expect(await w.path()).toMatch(/^\/login\?/);
  await signInMember(w);
  expect(await w.path()).toBe('/settings');
  await w.press(t('common.signOut'));
}

export async function noticesAndErrorPages(w: Walker) {
  const { t } = w;
  // SPEC T3: the message after an idle session ends (the page a timed-out member reaches)
  await w.open('/login?expired=1');
  await w.expectPage(200, t('signin.heading'), t('signin.sessionExpired'));
  await w.open('/login?flow=expired');
  await w.expectPage(200, t('signin.heading'), t('signin.flowExpired'));

  // SPEC X4: an unknown address is a styled 404 with a way back
  await w.open('/no/such/page');
  await w.expectPage(404, t('errors.notFoundTitle'), t('errors.notFoundBody'));
  await w.follow(t('errors.goToSignIn'));
  expect(await w.path()).toBe('/login');

  // SPEC X2: a form whose CSRF cookie was lost (e.g. the browser cleared it) gets the styled 403 that offers to start again
  await w.page.context().clearCookies({ name: 'csrf' });
  await w.fill(t('signin.idLabel'), DEMO_MEMBER.id);
  await w.fill(t('signin.passwordLabel'), DEMO_MEMBER.password);
  await w.press(t('signin.submit'));
  await w.expectPage(403, t('errors.forbiddenTitle'), t('errors.forbiddenBody'));
  await w.follow(t('errors.startAgain'));
  expect(await w.path()).toBe('/login');
  expect(w.last.status).toBe(200);

  // SPEC X4: a body over 16 KB (a huge paste) is a styled 413 with a way back, never a crash
  await w.fill(t('signin.idLabel'), 'x'.repeat(17 * 1024));
  await w.fill(t('signin.passwordLabel'), DEMO_MEMBER.password);
  await w.press(t('signin.submit'));
  await w.expectPage(413, t('errors.tooLargeTitle'), t('errors.tooLargeBody'));
  await w.follow(t('errors.startAgain'));
  expect(await w.path()).toBe('/login');

  // SPEC §2: the demo outbox, linked from the footer
  await w.follow(t('common.outboxLink'));
  await w.expectPage(200, t('common.outboxTitle'));
}

/** SPEC §0: the language link on every page switches the whole page and remembers the choice. */
export async function switchLanguage(w: Walker) {
  await w.open('/login');
  const other = w.lang === 'ja' ? 'en' : 'ja';
  await w.switchLanguage();
  expect(w.lang).toBe(other);
  await w.expectPage(200, w.t('signin.heading'));
  await w.open('/no/such/page');
  await w.expectPage(404, w.t('errors.notFoundTitle'));
}
