// SPEC M3's address rule (src/auth/email.ts): one named reason per failure, and nothing accepted that the browser's type=email refuses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { checkEmailAddress } from '../../src/auth/email.js';

const rfc = (s: string) => v.safeParse(v.pipe(v.string(), v.rfcEmail()), s).success;

describe('checkEmailAddress', () => {
  it.each([
    ['', 'required'],
    ['　\u200b ', 'required'],
    [`${'a'.repeat(244)}@example.jp`, 'tooLong'], // 255 characters
    ['たろう@example.jp', 'nonAscii'],
    ['ta ro@example.jp', 'nonAscii'],
    ['taro.example.jp', 'atCount'],
    ['a@b@example.jp', 'atCount'],
    ['@example.jp', 'atEdge'],
    ['taro@', 'atEdge'],
    ['ta(ro)@example.jp', 'symbol'],
    ['taro@exa_mple.jp', 'symbol'],
    ['taro@localhost', 'noDot'],
    ['taro@example.jp.', 'noDot'],
    ['taro@example..jp', 'domain'],
    ['taro@-example.jp', 'domain'],
    ['taro@example-.jp', 'domain'],
    [`taro@${'b'.repeat(64)}.jp`, 'domain'],
  ])('%s → %s', (typed, problem) => {
    expect(checkEmailAddress(typed)).toEqual({ problem });
  });

  it.each([
    ['Taro@Example.JP', 'taro@example.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro@example.jp'],
    [' \u200btaro@example.jp\u3000\n', 'taro@example.jp'],
    ['taro..yamada@docomo.ne.jp', 'taro..yamada@docomo.ne.jp'],
    ["o'brien+card@mail.example.co.jp", "o'brien+card@mail.example.co.jp"],
  ])('%s is accepted as %s', (typed, email) => {
    expect(checkEmailAddress(typed)).toEqual({ email });
  });

  it('never accepts what rfcEmail (the browser\'s type=email rule) refuses, and always names a reason', () => {
    const text = (alphabet: string, maxLength: number) => fc.array(fc.constantFrom(...alphabet.split('')), { maxLength }).map((a) => a.join(''));
    // shaped like addresses (a local part, an @, dot-separated labels that may be empty or start/end with "-"), plus noise
    const shaped = fc
      .tuple(text("az09.-_+!#'()[] ．＠あ\u200b", 12), fc.array(text('az09-_', 5), { minLength: 1, maxLength: 4 }))
      .map(([local, labels]) => `${local}@${labels.join('.')}`);
    fc.assert(
      fc.property(fc.oneof(shaped, text("abz09.-_@+!#'()[] ．＠あ\u200b", 40)), (typed) => {
        const result = checkEmailAddress(typed);
        if ('email' in result) expect(rfc(result.email), result.email).toBe(true);
        else expect(result.problem).toMatch(/^(required|tooLong|nonAscii|atCount|atEdge|symbol|noDot|domain)$/);
      }),
      { numRuns: 2000 },
    );
  });
});
