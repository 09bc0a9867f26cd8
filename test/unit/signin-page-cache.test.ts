// Issue 20: the cached sign-in pages are byte for byte the page SignInPage renders — the plain form, its notices and return
// paths, the 400 and generic failures, the lock and throttle refusals — for every language, however requests interleave, and no
// value of one request reaches another's page.
import { describe, expect, it } from 'vitest';
import { SignInPage } from '../../views/pages/signin/SignInPage.js';
import type { View } from '../../views/view.js';
import { translator } from '../../src/i18n/index.js';
import { japanTime } from '../../src/i18n/japan-time.js';
import { cacheable, cachedSignInPage, signInPageCache, type SignInProps } from '../../src/flows/signin/cached-page.js';

function viewFor(lang: 'ja' | 'en', csrf: string, path = '/login'): View {
  return {
    lang,
    t: translator(lang, { brand: 'My Card', legacy: 'Card Net' }),
    brand: 'My Card',
    csrf,
    path,
    signedIn: false,
    member: undefined,
    devOutbox: false,
    demo: undefined,
    dateTime: () => 'unused',
    clockTime: japanTime,
    date: () => 'unused',
  };
}

type Refusal = 'throttled' | 'lockedMyId' | 'lockedLegacy';
const support = { phone: '0120-000-000', hours: '9:00〜17:00' };
const refusalFor = (v: View, failure: Refusal, id: string, retryAt: number): SignInProps => ({
  id,
  failure,
  retryAt: failure === 'throttled' ? retryAt : undefined,
  errors: [{ field: '', message: v.t(failure === 'throttled' ? 'errors.throttled' : failure === 'lockedMyId' ? 'signin.errorLockedMyId' : 'signin.errorLockedLegacy') }],
  support: failure === 'throttled' ? undefined : support,
});
/** What GET /login, a notice, a 400 and a generic failure give, each with or without a return path. */
const formPagesFor = (v: View, id: string | undefined, next: string | undefined): SignInProps[] => [
  { id, next },
  { id, next, notice: 'signedOut' },
  { id, next, notice: 'addressBudget' },
  { id: id ?? '', next, errors: [{ field: 'password', message: v.t('signin.errorPasswordRequired') }] },
  { id: id ?? '', next, failure: 'generic', errors: [{ field: 'id', message: v.t('signin.errorGeneric') + v.t('signin.triesLeft', { n: 2 }) }] },
];

const ids = ['hanako@example.jp', 'taro-01', 'ｈａｎａｋｏ＠example.jp', '"><b>x</b>&amp;\'', 'a@b', 'mzz csrfz idz timez'];
const tokens = ['tokenA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'tokenB-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'];
const nexts = [undefined, '/settings?tab=a&b="c"', '/top'];
const pathsFor = (next: string | undefined) => (next === undefined ? ['/login', '/login?out=1'] : [`/login?next=${encodeURIComponent(next)}`, `/login?x=<&next=${next}`]);

const rendered = (v: View, props: SignInProps) => SignInPage({ v, ...props })!.toString() as string;

describe('issue 20: the sign-in page cache', () => {
  it('gives the same bytes as rendering the refusal pages, for two languages, three failures, two tokens and six IDs, interleaved', async () => {
    const cache = signInPageCache();
    let n = 0;
    for (let round = 0; round < 2; round++) {
      for (const id of ids) {
        for (const failure of ['throttled', 'lockedMyId', 'lockedLegacy'] as const) {
          for (const [i, lang] of (['ja', 'en'] as const).entries()) {
            const v = viewFor(lang, tokens[(i + round + n++) % 2]);
            const props = refusalFor(v, failure, id, Date.UTC(2026, 11, 2, 1, n % 60));
            expect(await cachedSignInPage(cache, v, props)).toBe(await rendered(v, props));
          }
        }
      }
    }
  });

  it('gives the same bytes as rendering the form pages, with and without an ID, a return path and a query, interleaved', async () => {
    const cache = signInPageCache();
    let n = 0;
    for (let round = 0; round < 2; round++) {
      for (const id of [undefined, '', ...ids]) {
        for (const next of nexts) {
          for (const path of pathsFor(next)) {
            for (const [i, lang] of (['ja', 'en'] as const).entries()) {
              const v = viewFor(lang, tokens[(i + round + n++) % 2], path);
              for (const props of formPagesFor(v, id, next)) expect(await cachedSignInPage(cache, v, props)).toBe(await rendered(v, props));
            }
          }
        }
      }
    }
  });

  it('a page holds its own token, ID, path and time and none of another request’s', async () => {
    const cache = signInPageCache();
    const a = viewFor('ja', tokens[0], '/login?next=%2Fmember-a');
    const b = viewFor('en', tokens[1], '/login?next=%2Fmember-b');
    const pageA1 = await cachedSignInPage(cache, a, { ...refusalFor(a, 'throttled', 'member-a@example.jp', Date.UTC(2026, 11, 2, 1, 7)), next: '/member-a' });
    const pageB = await cachedSignInPage(cache, b, { ...refusalFor(b, 'throttled', 'member-b@example.jp', Date.UTC(2026, 11, 2, 2, 9)), next: '/member-b' });
    const b2 = viewFor('ja', tokens[1], '/login?next=%2Fmember-b');
    const pageA2 = await cachedSignInPage(cache, b2, { ...refusalFor(b2, 'throttled', 'member-b@example.jp', Date.UTC(2026, 11, 2, 2, 9)), next: '/member-b' });
    expect(pageA1).toContain(tokens[0]);
    expect(pageA1).toContain('member-a@example.jp');
    expect(pageA1).toContain('%2Fmember-a');
    expect(pageA1).toContain('10:07');
    for (const other of [pageB, pageA2]) {
      for (const value of [tokens[0], 'member-a', '10:07']) expect(other).not.toContain(value);
      for (const value of [tokens[1], 'member-b@example.jp', '%2Fmember-b', '11:09']) expect(other).toContain(value);
    }
    expect(pageB).toContain('<html lang="en">');
    expect(pageA2).toContain('<html lang="ja">');
  });

  it('a signed-in view and the migration budget page are rendered, not cached', () => {
    const v = viewFor('ja', tokens[0]);
    expect(cacheable(v, {})).toBe(true);
    expect(cacheable({ ...v, signedIn: true }, {})).toBe(false);
    expect(cacheable({ ...v, member: { nav: true, idleMinutes: 15, endsAt: 0, capped: false } }, {})).toBe(false);
    expect(cacheable(v, { failure: 'migrationBudget' })).toBe(false);
  });
});
