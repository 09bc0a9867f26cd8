// SPEC M7 / N2: every new-password rule, table-style.
import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  isCommonPassword,
  normaliseNewPassword,
  passwordProblemField,
  passwordProblemMessage,
  type NewPasswordInput,
  type PasswordProblem,
} from '../../src/auth/policy.js';
import { catalogues } from '../../src/i18n/index.js';

const holder: Omit<NewPasswordInput, 'password' | 'confirm'> = {
  birthdate: '1985-04-12',
  phones: ['09012345678', '0312349876'],
  cardLast4: ['4321', '8765'],
  nameRoman: 'TARO YAMADA',
  email: 'hanako.s@example.jp',
};

const GOOD = 'Kq7#vWz!2m';

function check(password: string, confirm = password) {
  return checkNewPassword({ ...holder, password, confirm });
}

describe('checkNewPassword', () => {
  it('accepts a password that meets every rule', () => {
    expect(check(GOOD)).toEqual([]);
  });

  it.each<[string, string, PasswordProblem[]]>([
    ['7 characters', 'Kq7#vWz', ['length']],
    ['8 characters', 'Kq7#vWzx', []],
    ['20 characters', 'Kq7#vWz!2mKq7#vWz!2m', []],
    ['21 characters', 'Kq7#vWz!2mKq7#vWz!2mX', ['length']],
    ['a space inside', 'Kq7# vWz!2m', ['charset']],
    ['a trailing space', 'Kq7#vWz!2m ', ['charset']],
    ['a Japanese character', 'Kq7#vWz!2mあ', ['charset']],
    ['a zero-width space', 'Kq7#vWz\u200B!2m', ['charset']],
    ['a tab', 'Kq7#vWz\t!2m', ['charset']],
    ['no symbol', 'Kq7xvWzq2m', ['classes']],
    ['no digit', 'Kqz#vWz!xm', ['classes']],
    ['no letter', '97#40!2#51', ['classes']],
    ['the birth date as YYYYMMDD', 'Xq#19850412', ['birthdate']],
    ['the birth date as YYMMDD', 'Xq#v850412', ['birthdate']],
    ['the birth date as MMDD', 'Xq#vWz0412', ['birthdate']],
    ['the last four digits of a mobile', 'Xq#vWz5678', ['phone']],
    ['the four digits before them', 'Xq#vWz1234', ['phone']],
    ['a landline group', 'Xq#vWz9876', ['phone']],
    ['the landline\'s middle group', 'Xq#vW1234z', ['phone']],
    ['a card\'s last four digits', 'Xq#vWz4321', ['card']],
    ['another card\'s last four digits', 'Xq#v8765Wz', ['card']],
    ['3 letters of the first name', 'Xq#Tar9vWz', ['name']],
    ['3 letters inside the surname, lower case', 'Xq#9mad@Wz', ['name']],
    ['the last window of the surname', 'Xq#9vADA!z', ['name']],
    ['the local part of the My ID', 'Hanako.s#9', ['emailLocal']],
    ['the local part, any case', '9#HANAKO.SQ', ['emailLocal']],
    ['a common password with decoration', 'Password1!', ['common']],
    ['a common password with leading decoration', '!2025Dragon', ['common']],
    ['a common password as is', 'p@ssw0rd', ['common']],
    ['a common password in capitals', 'P@SSW0RD', ['common']],
  ])('%s → %j', (_label, password, problems) => {
    expect(check(password)).toEqual(problems);
  });

  it('reports every failed rule in display order', () => {
    expect(check('tar1234', 'other')).toEqual(['length', 'classes', 'phone', 'name', 'mismatch']);
  });

  it('asks for both fields when empty', () => {
    expect(check('', '')).toEqual(['required', 'confirmRequired']);
    expect(check(GOOD, '')).toEqual(['confirmRequired']);
    expect(check('', GOOD)).toEqual(['required']);
  });

  it('reports a confirmation that differs', () => {
    expect(check(GOOD, `${GOOD}x`)).toEqual(['mismatch']);
  });

  it('reads full-width input as half-width (SPEC N2)', () => {
    const fullWidth = 'Ｋｑ７＃ｖＷｚ！２ｍ';
    expect(normaliseNewPassword(fullWidth)).toBe(GOOD);
    expect(check(fullWidth, GOOD)).toEqual([]);
    expect(check('Ｘｑ＃ｖＷｚ０４１２')).toEqual(['birthdate']);
    // an ideographic space becomes a space, which a password cannot contain
    expect(check('Kq7#vWz\u3000!2m')).toEqual(['charset']);
  });

  it('counts length after NFKC', () => {
    // 20 full-width characters are 20 half-width ones
    expect(check('Ｋｑ７＃ｖＷｚ！２ｍＫｑ７＃ｖＷｚ！２ｍ')).toEqual([]);
  });

  it('ignores short name words and short email local parts', () => {
    const input = { ...holder, nameRoman: 'LI WU', email: 'ab@example.jp' };
    expect(checkNewPassword({ ...input, password: 'Liwu#ab7Qz', confirm: 'Liwu#ab7Qz' })).toEqual([]);
  });

  it('ignores phones too short to have a group and a malformed birth date', () => {
    const input = { ...holder, phones: ['123'], birthdate: '', cardLast4: [] };
    expect(checkNewPassword({ ...input, password: 'Xq#vWz1230', confirm: 'Xq#vWz1230' })).toEqual([]);
  });
});

describe('isCommonPassword', () => {
  it.each<[string, boolean]>([
    ['password', true],
    ['PASSWORD', true],
    ['iloveyou', true],
    ['Password1!', true],
    ['Kq7#vWz!2m', false],
    // a stripped core under 4 letters is not compared
    ['!!ab12', false],
  ])('%s → %s', (password, common) => {
    expect(isCommonPassword(password)).toBe(common);
  });
});

describe('messages', () => {
  const all: PasswordProblem[] = ['required', 'length', 'charset', 'classes', 'birthdate', 'phone', 'card', 'name', 'emailLocal', 'common', 'confirmRequired', 'mismatch'];

  it('has a ja and an en message for every problem', () => {
    for (const problem of all) {
      const key = passwordProblemMessage(problem);
      expect(catalogues.ja[key], key).toMatch(/\S/);
      expect(catalogues.en[key], key).toMatch(/\S/);
    }
  });

  it('shows confirmation problems on the confirmation field', () => {
    expect(all.filter((p) => passwordProblemField(p) === 'confirm')).toEqual(['confirmRequired', 'mismatch']);
  });
});
