// The endpoint fuzz's people, fields and right answers: what a careful user would put in each field, with no harness.
import fc from 'fast-check';
import type { NewFlow } from '../../../src/db/contract.js';
import { ORIGIN } from '../../helpers/app.js';
import { hostileValue, type HostileRequest } from './hostile.js';

export const LEGACY = { id: 'fuzz-legacy', password: 'legacy-pass-1' };
export const MEMBER = { email: 'fuzz.member@example.jp', password: 'Sakura#2025x' };
export const CARD = '4111222233334444';
export const BIRTHDATE = '1980-04-01';
export const NEW_PASSWORD = 'Kx9#mQ2$vLp';
export const NEW_EMAIL = 'fuzz.new@example.jp';
export const REG_EMAIL = 'fuzz.reg@example.jp';
export const OTHER_PASSWORD = 'Zq8!rT5#wYuq';

export type Context = { cookie: string; token: string; flowId?: number; sessionHash?: string };
export type Endpoint = { path: string; session: boolean; flow: boolean; fields: string[]; template?: NewFlow; step?: string; walked?: boolean };

export const form = (ctx: Context, fields: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { cookie: ctx.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ csrf: ctx.token, ...fields }),
});

/** The names of the fields of the page's forms (so new flows get their real fields fuzzed). */
export function fieldNames(html: string): string[] {
  return [...new Set([...html.matchAll(/<(?:input|textarea|select|button)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]).filter((n) => n !== 'csrf'))];
}

export const needsSession = (location: string | null) => /^\/login\?(expired=1&|ended=1&)?next=/.test(location ?? '');
export const needsFlow = (location: string | null) => location === '/login?flow=expired';

export function isGuardRedirect(e: Endpoint, location: string | null): boolean {
  if (needsSession(location) || needsFlow(location)) return true;
  // the shared flow guard sends any other step to the flow's current one
  return !!e.template && !!location && location.endsWith(`/${e.step}`) && !e.path.endsWith(`/${e.step}`);
}

/** The first value offered for each field name on a page (radio buttons, submit buttons, hidden fields). */
export function offeredValues(html: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const m of html.matchAll(/<(?:input|button)\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1];
    if (name && value !== undefined && !values.has(name)) values.set(name, value);
  }
  return values;
}

/** One part of BIRTHDATE for a `…-year` / `…-month` / `…-day` field. */
export function datePart(name: string): string {
  const [y, m, d] = BIRTHDATE.split('-');
  return name.endsWith('year') ? y : String(Number(name.endsWith('month') ? m : d));
}

export const withFlow = (ctx: Context, token: string): Context => ({ ...ctx, cookie: `${ctx.cookie.replace(/; flow=[^;]*/, '')}; flow=${token}` });

/** Right answers for a route's fields (codes excepted: each case's flow is new, so no code of it exists). */
export function rightAnswers(e: Endpoint): fc.Arbitrary<[string, string][]> {
  const choices = (name: string): string[] => {
    if (/^(password|confirm)$/i.test(name)) return [NEW_PASSWORD, OTHER_PASSWORD];
    if (/current/i.test(name)) return [MEMBER.password, NEW_PASSWORD, OTHER_PASSWORD];
    if (/^id$/i.test(name)) return [LEGACY.id, MEMBER.email];
    if (/mail/i.test(name)) return [MEMBER.email, NEW_EMAIL, REG_EMAIL, 'fresh.' + NEW_EMAIL];
    if (/card/i.test(name)) return [CARD];
    if (/birth.*-(year|month|day)$/i.test(name)) return [datePart(name)];
    if (/birth|date/i.test(name)) return [BIRTHDATE];
    if (/channel/i.test(name)) return ['sms', 'voice'];
    if (/phone/i.test(name)) return ['0', '1'];
    if (/code/i.test(name)) return ['1234'];
    return ['accept', 'yes'];
  };
  if (e.fields.length === 0) return fc.constant([]);
  return fc.tuple(...e.fields.map((name) => fc.constantFrom(...choices(name)).map((v): [string, string] => [name, v])));
}

/** Mixes in requests whose fields are right answers with at most one hostile change, so success paths are fuzzed too. */
export function withNearValid(arb: fc.Arbitrary<HostileRequest>, e: Endpoint): fc.Arbitrary<HostileRequest> {
  const nearValid = fc.tuple(rightAnswers(e), fc.option(fc.tuple(fc.nat(), hostileValue()), { freq: 2 })).map(([pairs, change]) => {
    const fields = [...pairs];
    if (change && fields.length > 0) fields[change[0] % fields.length] = [fields[change[0] % fields.length][0], change[1]];
    return fields;
  });
  return fc.tuple(arb, fc.option(nearValid, { freq: 2 })).map(([r, fields]) => (fields ? { ...r, fields } : r));
}
