// The one formatter of times for people: every time the portal shows or sends is Japan time (the issuer's and its members' clock).
import type { Lang } from './define.js';

const TIME_ZONE = 'Asia/Tokyo';
const HOUR_MS = 3_600_000;

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateTimes = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
};
// a calendar date (birth date, payment date) has no time zone of its own: it is shown as written
const dates = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
};

/** `14:35` (SPEC M4: validity is said as a clock time). */
export function japanTime(at: number): string {
  return clock.format(at);
}

/**
 * A "from" time (the next resend, the end of a lock) as the first whole minute at or after it, so a page never names a
 * minute that has already begun (issue 19 item 12: a wait ending at 05:25:30 is said as 05:26, not 05:25).
 */
export function minuteUp(at: number): number {
  return Math.ceil(at / 60_000) * 60_000;
}

/** `2024年12月23日 10:19` (SPEC T1) / `23 Dec 2024, 10:19`. */
export function japanDateTime(at: number, lang: Lang): string {
  if (lang === 'en') return dateTimes.en.format(at);
  const p = Object.fromEntries(dateTimes.ja.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** `2024/12/27` / `27 Dec 2024` from `YYYY-MM-DD`; anything else as it is. */
export function calendarDate(iso: string, lang: Lang): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : dates[lang].format(ms);
}

/** The day in Japan time, YYYY-MM-DD (retention summaries and the report's days). */
export function japanDay(at: number): string {
  return new Date(at + 9 * HOUR_MS).toISOString().slice(0, 10);
}
