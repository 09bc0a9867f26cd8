// SPEC N1/N2 and §1 display rules.
import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, normaliseDigits, normaliseIdentifier, normalisePassword, phoneKind } from '../../src/auth/normalise.js';

describe('N1 normalisation', () => {
  it.each([
    ['ＴＡＲＯ．ｙａｍａｄａ＠ＥＸＡＭＰＬＥ．ＪＰ', 'taro.yamada@example.jp'],
    ['\u3000 legacy_01 \r\n', 'legacy_01'],
    ['ab\u200Bc\uFEFF', 'abc'],
    ['\u200Fabc\u202E', 'abc'],
    // control characters (PostgreSQL text cannot hold NUL)
    ['a\u0000b\u007F\u001B', 'ab'],
  ])('identifier %j → %j', (input, out) => expect(normaliseIdentifier(input)).toBe(out));

  it.each([
    ['１２３４', '1234'],
    [' 12 34 ', '1234'],
    ['090-1234-5678', '09012345678'],
    ['０９０ー１２３４ー５６７８', '09012345678'],
    ['4111 1111-1111\u20101111', '4111111111111111'],
    ['12\u000034', '1234'],
  ])('digits %j → %j', (input, out) => expect(normaliseDigits(input)).toBe(out));

  it('N2: a password loses only surrounding whitespace', () => {
    expect(normalisePassword('  Ab#12 34\n')).toBe('Ab#12 34');
    expect(normalisePassword('Ａｂ＃１２３４')).toBe('Ab#1234');
  });
});

describe('§1 phones and masking', () => {
  it.each([
    ['09012345678', 'mobile'],
    ['08012345678', 'mobile'],
    ['07012345678', 'mobile'],
    ['06012345678', 'mobile'],
    ['0312345678', 'landline'],
    ['0501234567', 'landline'],
  ])('%s is a %s', (n, kind) => expect(phoneKind(n)).toBe(kind));

  it('masks phones and emails as the SPEC shows', () => {
    expect(maskPhone('09012345678')).toBe('***-****-5678');
    expect(maskEmail('taro@example.jp')).toBe('t***@e******.jp');
    expect(maskEmail('a@b.jp')).toBe('a*@b*.jp');
  });
});
