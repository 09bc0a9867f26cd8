// SPEC M7: the generated common-password file is exactly the package's list, and isCommonPassword decides every word of it,
// and the usual near-misses of each, exactly as the Set of the package's strings it replaced did.
import { dictionary } from '@zxcvbn-ts/language-common';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listFile, renderCommonPasswords } from '../../scripts/common-passwords.js';
import { isOnCommonList } from '../../src/auth/common-passwords.js';
import { isCommonPassword } from '../../src/auth/policy.js';

const words = dictionary['passwords-common'];

/** The rule as it was before the file: a Set of the package's strings, lower-cased. */
const oldSet = new Set(words.map((p) => p.toLowerCase()));
function oldIsCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (oldSet.has(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return core.length >= 4 && core !== lower && oldSet.has(core);
}

/** Each word as typed, capitalised, decorated at either end, cut short, lengthened, with a letter changed, NFKC-wide. */
function nearMisses(word: string): string[] {
  const changed = word.length > 0 ? `${word.slice(0, -1)}${word.endsWith('z') ? 'a' : String.fromCharCode(word.charCodeAt(word.length - 1) + 1)}` : 'x';
  return [
    word,
    word.toUpperCase(),
    word.charAt(0).toUpperCase() + word.slice(1),
    `${word}1!`,
    `!${word}2025`,
    `12${word}`,
    `${word}x`,
    `x${word}`,
    word.slice(0, -1),
    word.slice(1),
    changed,
    ` ${word}`,
    `${word}\u3000`,
    `${word}é`,
  ];
}

describe('the common-password file (scripts/common-passwords.ts)', () => {
  it('is what the generator makes from the installed @zxcvbn-ts/language-common: run `npm run gen:common-passwords` when this fails', () => {
    const onDisk = readFileSync(listFile);
    expect(onDisk.equals(renderCommonPasswords(words))).toBe(true);
  });

  it('holds every distinct lower-cased word once, in byte order', () => {
    const lines = readFileSync(listFile, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(oldSet.size);
    expect(new Set(lines)).toEqual(oldSet);
    const unordered = lines.findIndex((line, i) => i > 0 && Buffer.compare(Buffer.from(lines[i - 1]), Buffer.from(line)) !== -1);
    expect(unordered).toBe(-1);
  });
});

describe('isCommonPassword against the Set it replaced', () => {
  it(`decides all ${words.length.toLocaleString('en')} words and ${nearMisses('word').length - 1} near-misses of each alike`, () => {
    const differ: string[] = [];
    let common = 0;
    let checked = 0;
    for (const word of words) {
      for (const candidate of nearMisses(word)) {
        const expected = oldIsCommonPassword(candidate);
        if (isCommonPassword(candidate) !== expected) differ.push(candidate);
        if (expected) common++;
        checked++;
      }
    }
    expect(differ).toEqual([]);
    // both answers occur in bulk, so the comparison above tests something
    expect(common).toBeGreaterThan(words.length);
    expect(checked - common).toBeGreaterThan(words.length);
  });

  it('finds the first and last lines and nothing before, after or between them', () => {
    const lines = readFileSync(listFile, 'utf8').trimEnd().split('\n');
    expect(isOnCommonList(lines[0])).toBe(true);
    expect(isOnCommonList(lines[lines.length - 1])).toBe(true);
    for (const absent of ['', ' ', '\u0000', '~~~~~~~~~~', 'ÿ', `${lines[0]}\n${lines[1]}`, lines[0].slice(0, -1)]) {
      expect([absent, isOnCommonList(absent)]).toEqual([absent, oldSet.has(absent)]);
    }
  });
});
