// Builds the View every page receives from the request context.
import type { Context } from 'hono';
import type { View } from '../../views/view.js';
import { translator } from '../i18n/index.js';
import { sameSitePath } from '../paths.js';
import type { AppEnv } from './env.js';
import { hasCurrentTerms } from '../flows/terms/guard.js';

const TIME_ZONE = 'Asia/Tokyo';

const formats = {
  ja: {
    dateTime: new Intl.DateTimeFormat('ja-JP', { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
    clock: new Intl.DateTimeFormat('ja-JP', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }),
    date: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }),
  },
  en: {
    dateTime: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
    clock: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }),
    date: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
  },
};

/** `2024年12月23日 10:19` (SPEC T1) */
function jaDateTime(ms: number): string {
  const parts = Object.fromEntries(formats.ja.dateTime.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** SPEC T3/X6: when a signed-in page's session ends if left idle, never later than its absolute end. */
function memberOf(c: Context<AppEnv>): View['member'] {
  const session = c.get('session');
  if (!session) return undefined;
  const { SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS, TERMS_VERSION } = c.get('deps').config;
  const idleEnd = session.lastSeenAt + SESSION_IDLE_SECONDS * 1000;
  const absoluteEnd = session.createdAt + SESSION_MAX_SECONDS * 1000;
  return {
    nav: hasCurrentTerms(session.termsVersion, TERMS_VERSION),
    idleMinutes: Math.max(1, Math.round(SESSION_IDLE_SECONDS / 60)),
    endsAt: Math.min(idleEnd, absoluteEnd),
    capped: absoluteEnd <= idleEnd,
  };
}

export function viewOf(c: Context<AppEnv>): View {
  const { config, demoData = false } = c.get('deps');
  const lang = c.get('lang') ?? 'ja';
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  const f = formats[lang];
  return {
    lang,
    t: c.get('t') ?? translator(lang, { brand: config.BRAND_NAME, legacy: config.LEGACY_NAME }),
    brand: config.BRAND_NAME,
    csrf: c.get('csrfToken') ?? '',
    path: `${sameSitePath(url.pathname)}${url.search}`,
    signedIn: c.get('session') !== undefined,
    member: memberOf(c),
    devOutbox: config.DEV_OUTBOX,
    demo: demoData || config.DEV_OUTBOX ? { data: demoData, outbox: config.DEV_OUTBOX } : undefined,
    dateTime: (ms) => (lang === 'ja' ? jaDateTime(ms) : f.dateTime.format(ms)),
    clockTime: (ms) => f.clock.format(ms),
    date: (iso) => {
      const ms = Date.parse(`${iso}T00:00:00Z`);
      return Number.isNaN(ms) ? iso : f.date.format(ms);
    },
  };
}
