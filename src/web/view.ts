// Builds the View every page receives from the request context.
import type { Context } from 'hono';
import type { View } from '../../views/view.js';
import { translator } from '../i18n/index.js';
import { calendarDate, japanDateTime, japanTime } from '../i18n/japan-time.js';
import { sameSitePath } from '../paths.js';
import type { AppEnv } from './env.js';
import { hasCurrentTerms } from '../flows/terms/guard.js';

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
    dateTime: (ms) => japanDateTime(ms, lang),
    clockTime: japanTime,
    date: (iso) => calendarDate(iso, lang),
  };
}
