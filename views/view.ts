// What every page receives besides its own data: the language, t(), the CSRF token and the shell's facts.
import type { Lang, T } from '../src/i18n/index.js';

export type View = {
  lang: Lang;
  t: T;
  brand: string;
  csrf: string;
  /** The current path and query without `lang`, for the language switch. */
  path: string;
  signedIn: boolean;
  /** Signed-in pages: whether the member menu works yet (current terms accepted), and when the session ends (SPEC T3, X6). */
  member: { nav: boolean; idleMinutes: number; endsAt: number; capped: boolean } | undefined;
  devOutbox: boolean;
  /** SPEC O1: the demo banner, shown while the database holds the demo set or the outbox page is on. */
  demo: { data: boolean; outbox: boolean } | undefined;
  /** `2024年12月23日 10:19` / `23 Dec 2024, 10:19` in the portal's time zone. */
  dateTime(ms: number): string;
  /** `14:35` */
  clockTime(ms: number): string;
  /** `2024/12/27` / `27 Dec 2024` from `YYYY-MM-DD`. */
  date(isoDate: string): string;
};

export type FieldError = { field: string; message: string };
