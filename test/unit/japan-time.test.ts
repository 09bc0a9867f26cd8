// The portal's one formatter of times and amounts (src/i18n/japan-time.ts) writes exactly what Intl writes for Japan time,
// without Intl's locale data in the server (issue 20, P6).
import { describe, expect, it } from 'vitest';
import { calendarDate, groupedNumber, japanDateTime, japanDay, japanTime } from '../../src/i18n/japan-time.js';

const TZ = 'Asia/Tokyo';
const intl = {
  clock: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  dateJa: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }),
  dateEn: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
  yen: new Intl.NumberFormat('ja-JP'),
};
const jaDateTime = (at: number) => {
  const p = Object.fromEntries(intl.ja.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
};

// instants from 1960 to 2100, every hour boundary and minute edge included, plus random ones (seeded, so a failure repeats)
function instants(): number[] {
  let seed = 20261202;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const from = Date.UTC(1960, 0, 1);
  const to = Date.UTC(2100, 0, 1);
  const out = [Date.UTC(2024, 11, 31, 14, 59, 59, 999), Date.UTC(2024, 11, 31, 15, 0), Date.UTC(2024, 1, 28, 15, 0), Date.UTC(2000, 1, 29, 14, 30)];
  for (let i = 0; i < 5000; i++) out.push(Math.floor(from + random() * (to - from)));
  return out;
}

describe('Japan time without Intl', () => {
  it('writes the clock time, the date and time in both languages and the day as Intl does', () => {
    for (const at of instants()) {
      expect(japanTime(at), String(at)).toBe(intl.clock.format(at));
      expect(japanDateTime(at, 'ja'), String(at)).toBe(jaDateTime(at));
      expect(japanDateTime(at, 'en'), String(at)).toBe(intl.en.format(at));
      expect(japanDay(at), String(at)).toBe(jaDateTime(at).replace(/^(\d+)年(\d+)月(\d+)日.*$/, (_m, y, mo, d) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`));
    }
  });

  it('writes a calendar date as written, in both languages, and leaves anything else alone', () => {
    for (const at of instants()) {
      const iso = new Date(at).toISOString().slice(0, 10);
      const ms = Date.parse(`${iso}T00:00:00Z`);
      expect(calendarDate(iso, 'ja'), iso).toBe(intl.dateJa.format(ms));
      expect(calendarDate(iso, 'en'), iso).toBe(intl.dateEn.format(ms));
    }
    expect(calendarDate('not a date', 'ja')).toBe('not a date');
    expect(calendarDate('2024-02-30', 'en')).toBe(intl.dateEn.format(Date.parse('2024-02-30T00:00:00Z')));
  });

  it('refuses an instant that is no time, as Intl did', () => {
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      expect(() => intl.clock.format(at)).toThrow(RangeError);
      expect(() => japanTime(at)).toThrow(RangeError);
      expect(() => japanDateTime(at, 'en')).toThrow(RangeError);
    }
  });

  it('groups amounts and points as Japanese pages write them', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 123456789, -1, -1234, -1234567, 2 ** 31, Number.MAX_SAFE_INTEGER]) expect(groupedNumber(n), String(n)).toBe(intl.yen.format(n));
  });
});
