// SPEC §0: Japanese by default; `?lang=` sets a cookie; Accept-Language is the fallback.
import type { MiddlewareHandler } from 'hono';
import { translator, type Lang } from '../i18n/index.js';
import { readCookie, writeCookie } from './cookies.js';
import type { AppEnv } from './env.js';

const isLang = (s: string | undefined): s is Lang => s === 'ja' || s === 'en';

function fromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'ja';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.tag === 'ja' || x.tag === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.tag as Lang | undefined) ?? 'ja';
}

export const chooseLanguage: MiddlewareHandler<AppEnv> = (c, next) => {
  const { config } = c.get('deps');
  const asked = c.req.query('lang');
  let lang: Lang;
  if (isLang(asked)) {
    lang = asked;
    writeCookie(c, 'lang', lang, 365 * 24 * 3600);
  } else {
    const saved = readCookie(c, 'lang');
    lang = isLang(saved) ? saved : fromAcceptLanguage(c.req.header('accept-language'));
  }
  c.set('lang', lang);
  c.set('t', translator(lang, { brand: config.BRAND_NAME, legacy: config.LEGACY_NAME }));
  return next();
};
