// SPEC §0: every string in a ja and an en catalogue with the same keys, none empty.
import { describe, expect, it } from 'vitest';
import { catalogues, translator } from '../../src/i18n/index.js';

describe('message catalogues', () => {
  it('ja and en have exactly the same keys', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.ja).sort());
  });

  it('no message is empty, and each uses the same {placeholders} in both languages', () => {
    for (const key of Object.keys(catalogues.ja)) {
      expect(catalogues.ja[key].trim(), key).not.toBe('');
      expect(catalogues.en[key].trim(), key).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(catalogues.en[key]), key).toEqual(names(catalogues.ja[key]));
    }
  });

  it('English texts contain no Japanese, except the name of the other language on the switch', () => {
    for (const [key, text] of Object.entries(catalogues.en)) {
      if (key === 'common.languageSwitch' || key === 'common.languageSwitchLabel') continue;
      expect(text, key).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('t() fills the brand names and parameters', () => {
    const t = translator('ja', { brand: 'Test Brand', legacy: 'Old Net' });
    expect(t('signin.heading')).toBe('Test Brand ログイン');
    expect(t('common.step', { current: 3, total: 8 })).toBe('ステップ 3/8');
  });
});
