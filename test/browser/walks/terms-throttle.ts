// Revised terms after sign-in (SPEC T4) and the per-address sign-in throttle (L7), on a portal restarted with new settings.
import { expect } from 'vitest';
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

  // L7: more than IP_MAX_FAILURES failures from one address → 429 and the wait
  let status = 0;
  for (let i = 0; i < 6 && status !== 429; i++) {
    await signInMember(w, DEMO_MEMBER.id, `Wrong#${i}pass`);
    status = w.last.status;
  }
  expect(status).toBe(429);
  await w.expectErrors(t('errors.throttled'));
}
