// Issue 20: the sign-in pages come from a render cache (src/flows/signin/cached-page.tsx). Two members signing in from two
// browsers, in two languages, with two CSRF tokens and two return paths, interleaved through the plain page, the generic
// failure, the lock (L5) and the throttle (L7): no value of one request appears in the other's page.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

describe('issue 20: no value of one request in another’s cached sign-in page', () => {
  it('two members, two languages, two tokens, interleaved', async () => {
    const h = await makeHarness({ LOGIN_MAX_FAILURES: '3', IP_MAX_FAILURES: '6', TRUST_PROXY: 'true' });
    await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
    await addHolder(h, { account: { email: 'taro.b@example.com', password: 'Kawa!Nagare77' } });
    const a = { b: browser(h, { 'x-forwarded-for': '198.51.100.1' }), id: 'hanako@example.jp', next: '/settings/member-a', lang: 'ja' };
    const b = { b: browser(h, { 'x-forwarded-for': '198.51.100.2' }), id: 'taro.b@example.com', next: '/settings/member-b', lang: 'en' };
    await a.b.get('/login');
    await b.b.get('/login?lang=en');
    expect(a.b.csrf()).not.toBe(b.b.csrf());
    const pages = new Map([a, b].map((who) => [who, [] as { status: number; body: string }[]]));
    for (let i = 0; i < 8; i++) {
      for (const who of i % 2 ? [b, a] : [a, b]) {
        pages.get(who)!.push(await who.b.get(`/login?next=${encodeURIComponent(who.next)}`));
        pages.get(who)!.push(await who.b.post(`/login?next=${encodeURIComponent(who.next)}`, { id: who.id, password: `wrong-${i}` }));
      }
    }
    for (const [who, other] of [
      [a, b],
      [b, a],
    ]) {
      const seen = pages.get(who)!;
      // every kind of page was met: the plain form, the generic failure, the lock and the throttle
      expect(new Set(seen.map((p) => p.status))).toEqual(new Set([200, 422, 429]));
      for (const page of seen) {
        expect(page.body).toContain(`<html lang="${who.lang}">`);
        expect(page.body).toContain(`name="csrf" value="${who.b.csrf()}"`);
        expect(page.body).toContain(`action="/login?next=${encodeURIComponent(who.next)}"`);
        for (const value of [other.b.csrf(), other.id, other.next, encodeURIComponent(other.next)]) expect(page.body).not.toContain(value);
      }
      const posts = seen.filter((_, i) => i % 2 === 1);
      expect(posts.every((p) => p.body.includes(`value="${who.id}"`))).toBe(true);
    }
  });
});
