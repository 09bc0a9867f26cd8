// Issue 20: the cached sign-in refusal pages are byte for byte the page SignInPage renders, for every language, failure and
// typed ID, however requests interleave — and no value of one request reaches another's page.
import { describe, expect, it } from 'vitest';
import { SignInPage } from '../../views/pages/signin/SignInPage.js';
import type { View } from '../../views/view.js';
import { translator } from '../../src/i18n/index.js';
import { japanTime } from '../../src/i18n/japan-time.js';
import { cachedRefusalPage, refusalPageCache, type RefusalProps } from '../../src/flows/signin/refusal-page.js';

function viewFor(lang: 'ja' | 'en', csrf: string): View {
  return {
    lang,
    t: translator(lang, { brand: 'My Card', legacy: 'Card Net' }),
    brand: 'My Card',
    csrf,
    path: '/login',
    signedIn: false,
    member: undefined,
    devOutbox: false,
    demo: undefined,
    dateTime: () => 'unused',
    clockTime: japanTime,
    date: () => 'unused',
  };
}

const support = { phone: '0120-000-000', hours: '9:00〜17:00' };
const propsFor = (v: View, failure: RefusalProps['failure'], id: string, retryAt: number): RefusalProps => ({
  id,
  failure,
  retryAt: failure === 'throttled' ? retryAt : undefined,
  errors: [{ field: '', message: v.t(failure === 'throttled' ? 'errors.throttled' : failure === 'lockedMyId' ? 'signin.errorLockedMyId' : 'signin.errorLockedLegacy') }],
  support: failure === 'throttled' ? undefined : support,
});

const ids = ['hanako@example.jp', 'taro-01', 'ｈａｎａｋｏ＠example.jp', '"><b>x</b>&amp;\'', 'a@b', 'mzz csrfz idz timez'];
const tokens = ['tokenA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'tokenB-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'];

describe('issue 20: the refusal page cache', () => {
  it('gives the same bytes as rendering the page, for two languages, three failures, two tokens and six IDs, interleaved', async () => {
    const cache = refusalPageCache();
    let n = 0;
    for (let round = 0; round < 2; round++) {
      for (const id of ids) {
        for (const failure of ['throttled', 'lockedMyId', 'lockedLegacy'] as const) {
          for (const [i, lang] of (['ja', 'en'] as const).entries()) {
            const v = viewFor(lang, tokens[(i + round + n++) % 2]);
            const props = propsFor(v, failure, id, Date.UTC(2026, 11, 2, 1, n % 60));
            const want = (await SignInPage({ v, ...props })!.toString()) as string;
            expect(await cachedRefusalPage(cache, v, props)).toBe(want);
          }
        }
      }
    }
  });

  it('a page holds its own token, ID and time and none of another request’s', async () => {
    const cache = refusalPageCache();
    const a = viewFor('ja', tokens[0]);
    const b = viewFor('en', tokens[1]);
    const pageA1 = await cachedRefusalPage(cache, a, propsFor(a, 'throttled', 'member-a@example.jp', Date.UTC(2026, 11, 2, 1, 7)));
    const pageB = await cachedRefusalPage(cache, b, propsFor(b, 'throttled', 'member-b@example.jp', Date.UTC(2026, 11, 2, 2, 9)));
    const b2 = viewFor('ja', tokens[1]);
    const pageA2 = await cachedRefusalPage(cache, b2, propsFor(b2, 'throttled', 'member-b@example.jp', Date.UTC(2026, 11, 2, 2, 9)));
    expect(pageA1).toContain(tokens[0]);
    expect(pageA1).toContain('member-a@example.jp');
    expect(pageA1).toContain('10:07');
    for (const other of [pageB, pageA2]) {
      expect(other).not.toContain(tokens[0]);
      expect(other).not.toContain('member-a@example.jp');
      expect(other).not.toContain('10:07');
      expect(other).toContain(tokens[1]);
      expect(other).toContain('member-b@example.jp');
      expect(other).toContain('11:09');
    }
    expect(pageB).toContain('<html lang="en">');
    expect(pageA2).toContain('<html lang="ja">');
  });
});
