// The catalogue as a person reads it: labels and button texts for the walks and the screenshot script.
import { catalogues, type Lang } from '../../../src/i18n/index.js';

const BRAND = { brand: 'My Card', legacy: 'Card Net' };

/** t() for tests: the catalogue text of a key (a missing key fails loudly instead of matching the key itself). */
export function textsOf(lang: Lang) {
  return (key: string, params: Record<string, string | number> = {}): string => {
    const text = catalogues[lang][key];
    if (text === undefined) throw new Error(`no message "${key}" in the ${lang} catalogue`);
    const values = { ...BRAND, ...params } as Record<string, string | number>;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  };
}
