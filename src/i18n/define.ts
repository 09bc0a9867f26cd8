// A message module: Japanese and English texts with the same keys, checked by the type system.
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

/** `en` must have exactly the keys of `ja`; `{brand}`, `{legacy}` and named `{params}` are filled in by t(). */
export function defineMessages<K extends string>(ja: Record<K, string>, en: Record<K, string>) {
  return { ja, en };
}
