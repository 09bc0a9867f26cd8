// The message catalogue: every user-visible string, in ja and en, and t() to read it.
import type { Lang } from './define.js';
import { common } from './messages/common.js';
import { signin } from './messages/signin.js';
import { help } from './messages/help.js';
import { member } from './messages/member.js';
import { errors } from './messages/errors.js';
import { password } from './messages/password.js';
import { terms } from './messages/terms.js';
import { settings } from './messages/settings.js';
import { reset } from './messages/reset.js';
import { registration } from './messages/registration.js';
import { migration } from './messages/migration.js';
import { verify } from './messages/verify.js';
import { commit } from './messages/commit.js';

export type { Lang } from './define.js';
export { LANGS } from './define.js';

// Each flow adds its module here; keys are namespaced ("signin.title") so modules never clash.
const modules = [common, signin, member, errors, password, terms, settings, reset, registration, help, migration, verify, commit] as const;

type Union<T> = T extends readonly (infer U)[] ? U : never;
type KeysOf<M> = M extends { ja: Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<Union<typeof modules>>;

export const catalogues: Record<Lang, Record<string, string>> = {
  ja: Object.assign({}, ...modules.map((m) => m.ja)),
  en: Object.assign({}, ...modules.map((m) => m.en)),
};

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

/** Builds the t() of one language; the brand names come from configuration. */
export function translator(lang: Lang, brand: { brand: string; legacy: string }): T {
  const catalogue = catalogues[lang];
  return (key, params = {}) => {
    const text = catalogue[key] ?? key;
    const values: Params = { brand: brand.brand, legacy: brand.legacy, ...params };
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  };
}
