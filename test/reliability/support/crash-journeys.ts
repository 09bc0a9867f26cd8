// The crash test's journeys against the real server (SPEC G1–G3, L3, M1–M8, L4): each returns true once the done page was reached;
// `completing()` is called just before a completing POST, so the test can aim a kill inside the completion.
import type { Portal } from '../../support/portal-process.js';
import { serverClient, codeFor, expectStep, JourneyError } from './journeys.js';
import { BIRTHDATE, PASSWORD, type Holder } from './crash-holders.js';

/** The journeys, calling the hook `currentHook()` gives at that moment (the test swaps it round by round). */
export function crashJourneys(currentHook: () => () => void) {
  const completing = () => currentHook()();

  /** SPEC G1–G3 for one holder: card + birth date, SMS code, terms, new email, email code, password. Returns true once the done page was reached. */
  async function register(p: Portal, outbox: string, h: Holder): Promise<boolean> {
    const c = serverClient(p.url);
    await c.get('/register');
    let t = Date.now();
    expectStep(await c.post('/register', { card: h.cards[0], birthdate: BIRTHDATE }), '/register/phone', 'identify');
    expectStep(await c.post('/register/phone', { code: await codeFor(outbox, h.phone, t) }), '/register/terms', 'phone code');
    expectStep(await c.post('/register/terms', {}), '/register/email', 'terms');
    t = Date.now();
    expectStep(await c.post('/register/email', { email: h.newEmail }), '/register/email-code', 'email');
    expectStep(await c.post('/register/email-code', { code: await codeFor(outbox, h.newEmail, t) }), '/register/password', 'email code');
    completing();
    expectStep(await c.post('/register/password', { password: PASSWORD, confirm: PASSWORD }), '/register/done', 'password');
    return true;
  }

  /** SPEC L3, M1–M8: legacy ID sign-in, terms, keep the card email (M2 はい) or enter a new one (M3–M5), SMS code, password. */
  async function migrate(p: Portal, outbox: string, h: Holder): Promise<boolean> {
    const c = serverClient(p.url);
    await c.get('/login');
    expectStep(await c.post('/login', { id: h.legacyId, password: 'legacy-pass-1' }), '/migration/terms', 'legacy sign-in');
    expectStep(await c.post('/migration/terms', {}), '/migration/email-choice', 'terms');
    if (h.path === 'migrateKeep') {
      expectStep(await c.post('/migration/email-choice', { choice: 'yes' }), '/migration/phone', 'keep email');
    } else {
      expectStep(await c.post('/migration/email-choice', { choice: 'no' }), '/migration/new-email', 'other email');
      const t = Date.now();
      expectStep(await c.post('/migration/new-email', { email: h.newEmail }), '/migration/email-code', 'new email');
      expectStep(await c.post('/migration/email-code', { code: await codeFor(outbox, h.newEmail, t) }), '/migration/confirm-email', 'email code');
      expectStep(await c.post('/migration/confirm-email', {}), '/migration/phone', 'confirm email');
    }
    const t = Date.now();
    await c.get('/migration/phone'); // SPEC M6 ⑦-1: the SMS goes on arrival
    expectStep(await c.post('/migration/phone', { code: await codeFor(outbox, h.phone, t) }), '/migration/password', 'phone code');
    completing();
    expectStep(await c.post('/migration/password', { password: PASSWORD, confirm: PASSWORD }), '/migration/done', 'password');
    return true;
  }

  return { register, migrate };
}

/** Sign-ins that keep the session, sign-in-attempt and audit tables busy: right ones for done members, wrong ones for others. */
export async function signIn(p: Portal, id: string, password: string): Promise<number> {
  const c = serverClient(p.url);
  await c.get('/login');
  return (await c.post('/login', { id, password })).status;
}

export const networkError = (e: unknown) => !(e instanceof JourneyError);
