// The one formatter of times for people: every time the portal shows or sends is Japan time (the issuer's and its members' clock).
import type { Lang } from './define.js';

const HOUR_MS = 3_600_000;
// Japan has kept UTC+9 without daylight saving since 1952, so its wall clock is UTC shifted by nine hours. Issue 20: plain
// arithmetic instead of Intl.DateTimeFormat, whose locale and time-zone data cost the process about 8 MB of resident memory
// (test/unit/japan-time.test.ts holds every format to Intl's output from 1960 to 2100; before 1952 Intl knows summer
// times and local mean time that this does not, and no time the portal shows lies there).
const JST_MS = 9 * HOUR_MS;
// en-GB's short months, as Intl writes them (September is 'Sept')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** Year, month (1–12), day, and `HH`/`MM` of the instant `ms` on a clock `offsetMs` ahead of UTC. */
function wallClock(ms: number, offsetMs: number) {
  const d = new Date(ms + offsetMs);
  // as Intl did: an instant that is no time at all is a bug to hear about, not a "NaN:NaN" in a member's email
  if (!Number.isFinite(d.getTime())) throw new RangeError(`Invalid time value: ${ms}`);
  const two = (n: number) => String(n).padStart(2, '0');
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hh: two(d.getUTCHours()), mm: two(d.getUTCMinutes()) };
}

/** `14:35` (SPEC M4: validity is said as a clock time). */
export function japanTime(at: number): string {
  const { hh, mm } = wallClock(at, JST_MS);
  return `${hh}:${mm}`;
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
  const { year, month, day, hh, mm } = wallClock(at, JST_MS);
  return lang === 'en' ? `${day} ${MONTHS[month - 1]} ${year}, ${hh}:${mm}` : `${year}年${month}月${day}日 ${hh}:${mm}`;
}

/** `2024/12/27` / `27 Dec 2024` from `YYYY-MM-DD`; anything else as it is. */
export function calendarDate(iso: string, lang: Lang): string {
  // a calendar date (birth date, payment date) has no time zone of its own: it is shown as written
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) return iso;
  const { year, month, day } = wallClock(ms, 0);
  return lang === 'en' ? `${day} ${MONTHS[month - 1]} ${year}` : `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
}

/** A whole amount or count with a comma every three digits (`12,345`), as Japanese pages write yen and points (stored as integers). */
export function groupedNumber(n: number): string {
  const [whole, fraction] = String(Math.abs(n)).split('.');
  return `${n < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** The day in Japan time, YYYY-MM-DD (retention summaries and the report's days). */
export function japanDay(at: number): string {
  return new Date(at + JST_MS).toISOString().slice(0, 10);
}
