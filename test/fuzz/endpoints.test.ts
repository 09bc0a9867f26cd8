// SPEC X2, X4: every POST route of the app (found by walking app.routes) fuzzed with hostile input, inside the session or flow it needs.
// Every answer is < 500, a redirect or a page with a message and no stack trace; a refused request changes no row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyedHash, newToken } from '../../src/auth/secrets.js';
import { startSession } from '../../src/auth/session.js';
import type { FlowRow, NewFlow, TableName } from '../../src/db/contract.js';
import { makeHarness, ORIGIN, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { encodeRequest, FUZZ_RUNS, FUZZ_SEED, hostileRequest, hostileValue, type HostileRequest } from './support/hostile.js';

const LEGACY = { id: 'fuzz-legacy', password: 'legacy-pass-1' };
const MEMBER = { email: 'fuzz.member@example.jp', password: 'Sakura#2025x' };
const CARD = '4111222233334444';
const BIRTHDATE = '1980-04-01';
const NEW_PASSWORD = 'Kx9#mQ2$vLp';
const NEW_EMAIL = 'fuzz.new@example.jp';
const REG_EMAIL = 'fuzz.reg@example.jp';
const OTHER_PASSWORD = 'Zq8!rT5#wYuq';

/** The page for a form that could not be read (SPEC X4). */
const BAD_FORM = '送信内容を読み取れませんでした';
/** Tables whose rows a refused request must never touch. */
const STATIC_TABLES: TableName[] = ['holder', 'phone', 'card', 'credential', 'account', 'account_card', 'notice'];
/** Counters and logs a refused sign-in or code entry is allowed to grow (but a 400/403/413 must not). */
const LOG_TABLES: TableName[] = ['audit_log', 'sign_in_attempt', 'address_throttle', 'code_failure', 'challenge'];

type Context = { cookie: string; token: string; flowId?: number; sessionHash?: string };
type Endpoint = { path: string; session: boolean; flow: boolean; fields: string[]; template?: NewFlow; step?: string; walked?: boolean };
type Tally = { cases: number; reached: number; statuses: Record<number, number> };

let h: Harness;
let accountId = 0;
const plausible = [LEGACY.id, LEGACY.password, MEMBER.email, MEMBER.password, NEW_EMAIL, NEW_PASSWORD, CARD, '4111-2222-3333-4444', BIRTHDATE, '1980', '04', '01', 'accept', 'decline', 'yes', 'no', 'sms', 'voice', 'email', '0', '1'];
const tallies = new Map<string, Tally>();

const csrfCookie = () => {
  const seed = newToken();
  return { cookie: `csrf=${seed}`, token: keyedHash(h.config.SECRET, 'csrf', seed) };
};

/** A fresh browser for one case: its CSRF cookie, a new session if the route needs one, a new flow at the route's step if it needs one. */
async function contextFor(e: Pick<Endpoint, 'session' | 'template' | 'step'>): Promise<Context> {
  const ctx: Context = csrfCookie();
  if (e.session) {
    const sid = await startSession(h.deps, accountId);
    ctx.cookie += `; sid=${sid}`;
    ctx.sessionHash = keyedHash(h.config.SECRET, 'session', sid);
  }
  if (e.template) {
    const flowToken = newToken();
    ctx.flowId = await h.stores.flows.insert(keyedHash(h.config.SECRET, 'flow', flowToken), { ...e.template, step: e.step ?? e.template.step }, h.clock.now(), h.config.FLOW_TTL_SECONDS * 1000);
    ctx.cookie += `; flow=${flowToken}`;
  }
  return ctx;
}

const anyLock = async () => (await h.inspect.rows('sign_in_attempt')).some((r) => r.lockedAt !== null);
async function snapshot(ctx: Context) {
  const rows = async (t: TableName) => JSON.stringify(await h.inspect.rows(t));
  const entries = async (tables: TableName[], read: (t: TableName) => Promise<unknown>) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await read(t)])));
  const session = ctx.sessionHash && (await h.inspect.rows('session')).find((s) => s.tokenHash === ctx.sessionHash);
  return {
    static: await entries(STATIC_TABLES, rows),
    logs: await entries(LOG_TABLES, (t) => h.inspect.count(t)),
    flow: ctx.flowId ? JSON.stringify((await h.inspect.rows('flow')).find((f) => f.id === ctx.flowId)) : '',
    session: ctx.sessionHash ? JSON.stringify(session ? { id: session.id, accountId: session.accountId, createdAt: session.createdAt } : null) : '',
    sessions: await h.inspect.count('session'),
  };
}

async function post(path: string, init: RequestInit) {
  const res = await h.app.request(path, init);
  return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') ?? '', body: await res.text() };
}

const form = (ctx: Context, fields: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { cookie: ctx.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ csrf: ctx.token, ...fields }),
});

/** The names of the fields of the page's forms (so new flows get their real fields fuzzed). */
function fieldNames(html: string): string[] {
  return [...new Set([...html.matchAll(/<(?:input|textarea|select|button)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]).filter((n) => n !== 'csrf'))];
}

const needsSession = (location: string | null) => /^\/login\?(expired=1&|ended=1&)?next=/.test(location ?? '');
const needsFlow = (location: string | null) => location === '/login?flow=expired';

function isGuardRedirect(e: Endpoint, location: string | null): boolean {
  if (needsSession(location) || needsFlow(location)) return true;
  // the shared flow guard sends any other step to the flow's current one
  return !!e.template && !!location && location.endsWith(`/${e.step}`) && !e.path.endsWith(`/${e.step}`);
}

/** The first value offered for each field name on a page (radio buttons, submit buttons, hidden fields). */
function offeredValues(html: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const m of html.matchAll(/<(?:input|button)\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1];
    if (name && value !== undefined && !values.has(name)) values.set(name, value);
  }
  return values;
}

/** One part of BIRTHDATE for a `…-year` / `…-month` / `…-day` field. */
function datePart(name: string): string {
  const [y, m, d] = BIRTHDATE.split('-');
  return name.endsWith('year') ? y : String(Number(name.endsWith('month') ? m : d));
}

/** What a careful user would type into a field of this name. */
async function fill(name: string, page: string, session: boolean): Promise<string | undefined> {
  if (/code/i.test(name)) return (await h.outbox()).find((m) => m.code)?.code;
  if (/mail|^id$/i.test(name)) return session ? NEW_EMAIL : REG_EMAIL;
  if (/card/i.test(name)) return CARD;
  // the birth date's three fields (issue 19 item 6): year, month, day of the same date
  if (/birth.*-(year|month|day)$/i.test(name)) return datePart(name);
  if (/birth|date/i.test(name)) return BIRTHDATE;
  if (/channel/i.test(name)) return 'sms';
  return offeredValues(page).get(name);
}

const withFlow = (ctx: Context, token: string): Context => ({ ...ctx, cookie: `${ctx.cookie.replace(/; flow=[^;]*/, '')}; flow=${token}` });

/**
 * Starts a real flow the way a browser would (POST to the route that starts it), then walks it step by step with
 * right answers (codes read from the outbox), keeping a copy of the flow row at each step — stopping before the step
 * that asks for a password, so nothing is completed. The copies let each step's fuzz start from a realistic flow.
 */
const walked = new Map<string, Map<string, NewFlow>>();
async function walkFlow(path: string, session: boolean, starters: string[]): Promise<Map<string, NewFlow>> {
  const starter = starters.filter((r) => r !== path && path.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
  const base = starter ?? '/' + path.split('/')[1];
  const known = walked.get(base);
  if (known) return known; // one walk per flow: codes are capped per destination
  const templates = new Map<string, NewFlow>();
  walked.set(base, templates);
  h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000 + 1_000); // the fixtures' phones were just sent a code by another walk
  let ctx = await contextFor({ session });
  let res: Response;
  if (!starter) {
    // the migration flow starts at sign-in with a legacy ID (SPEC L3)
    res = await h.app.request('/login', form(ctx, { id: LEGACY.id, password: LEGACY.password }));
  } else {
    const page = await (await h.app.request(starter, { headers: { cookie: ctx.cookie } })).text();
    const fields: Record<string, string> = {};
    for (const name of fieldNames(page)) fields[name] = /mail|^id$/i.test(name) && !session ? MEMBER.email : (await fill(name, page, session)) ?? '';
    res = await h.app.request(starter, form(ctx, fields));
  }
  const flowCookie = res.headers.getSetCookie().find((l) => l.startsWith('flow='));
  if (!flowCookie) return templates;
  const token = flowCookie.split(';')[0].slice(5);
  ctx = withFlow(ctx, token);
  for (let i = 0; i < 12; i++) {
    const row: FlowRow | undefined = await h.stores.flows.find(keyedHash(h.config.SECRET, 'flow', token));
    if (!row || row.endedAt !== null) break;
    const { kind, step, holderId, cardId, credentialId, accountId: acc, email, data } = row;
    if (!templates.has(step)) templates.set(step, { kind, step, holderId, cardId, credentialId, accountId: acc, email, data: structuredClone(data) });
    const page = await h.app.request(`${base}/${step}`, { headers: { cookie: ctx.cookie } });
    if (page.status !== 200) break;
    const html = await page.text();
    const names = fieldNames(html);
    if (names.some((n) => /password|current/i.test(n))) break; // the completing step: fuzzed, never walked past
    const fields: Record<string, string> = {};
    for (const name of names) {
      const value = await fill(name, html, session);
      if (value !== undefined) fields[name] = value;
    }
    const next = await h.app.request(`${base}/${step}`, form(ctx, fields));
    if (next.status !== 303) break;
  }
  return templates;
}

/** The step a flow must be at for this route: the deepest path segment that is a page of the flow, else where the flow starts. */
async function stepFor(path: string, session: boolean, templates: Map<string, NewFlow>, starters: string[]): Promise<string> {
  const segments = path.split('/').filter(Boolean);
  const first = [...templates.values()][0];
  for (let i = segments.length - 1; i >= 1; i--) {
    const step = segments[i];
    if (templates.has(step)) return step;
    if (starters.includes('/' + segments.slice(0, i + 1).join('/'))) break; // the flow's start page, not one of its steps
    const ctx = await contextFor({ session, template: first, step });
    const page = await h.app.request('/' + segments.slice(0, i + 1).join('/'), { headers: { cookie: ctx.cookie } });
    if (page.status === 200) return step;
  }
  return first.step;
}

/** Every POST route, with what it needs to get past its guards, found by probing it with an empty valid form. */
async function discover(): Promise<Endpoint[]> {
  const routes = [...new Set(h.app.routes.filter((r) => r.method === 'POST').map((r) => r.path))].sort();
  const endpoints: Endpoint[] = [];
  for (const path of routes) {
    if (path.includes(':') || path.includes('*')) throw new Error(`POST ${path} has a parameter: teach test/fuzz/endpoints.test.ts what to put there`);
    const e: Endpoint = { path, session: false, flow: false, fields: [] };
    let probe = await post(path, form(await contextFor(e)));
    if (needsSession(probe.location)) {
      e.session = true;
      probe = await post(path, form(await contextFor(e)));
    }
    if (needsFlow(probe.location)) {
      e.flow = true;
      const starters = endpoints.filter((x) => !x.flow).map((x) => x.path); // routes are sorted: a flow's start comes before its steps
      const templates = await walkFlow(path, e.session, starters);
      if (templates.size > 0) {
        e.step = await stepFor(path, e.session, templates, starters);
        // a realistic row if the walk reached this step; otherwise the first step's row, forced to this step
        e.template = templates.get(e.step) ?? { ...[...templates.values()][0], step: e.step };
        e.walked = templates.has(e.step);
      }
    }
    const ctx = await contextFor(e);
    const page = await h.app.request(path, { headers: { cookie: ctx.cookie } });
    e.fields = page.status === 200 ? fieldNames(await page.text()) : [];
    endpoints.push(e);
  }
  return endpoints;
}

/** Right answers for a route's fields (codes excepted: each case's flow is new, so no code of it exists). */
function rightAnswers(e: Endpoint): fc.Arbitrary<[string, string][]> {
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
function withNearValid(arb: fc.Arbitrary<HostileRequest>, e: Endpoint): fc.Arbitrary<HostileRequest> {
  const nearValid = fc.tuple(rightAnswers(e), fc.option(fc.tuple(fc.nat(), hostileValue()), { freq: 2 })).map(([pairs, change]) => {
    const fields = [...pairs];
    if (change && fields.length > 0) fields[change[0] % fields.length] = [fields[change[0] % fields.length][0], change[1]];
    return fields;
  });
  return fc.tuple(arb, fc.option(nearValid, { freq: 2 })).map(([r, fields]) => (fields ? { ...r, fields } : r));
}

let endpoints: Endpoint[] = [];

beforeAll(async () => {
  h = await makeHarness({ IP_MAX_FAILURES: '1000000' });
  await addHolder(h, { legacyId: LEGACY.id, legacyPassword: LEGACY.password, birthdate: BIRTHDATE, phones: ['09011110001'], cards: [{ number: CARD, email: 'fuzz.card@example.jp' }] });
  const member = await addHolder(h, { phones: ['09022220002', '0311112222'], account: MEMBER, cards: [{ email: MEMBER.email }] });
  accountId = member.account!.id;
  endpoints = await discover();
}, 60_000);

afterAll(async () => {
  const lines = endpoints.map((e) => {
    const t = tallies.get(e.path);
    if (!t) return `  ${e.path}: not run`;
    const statuses = Object.entries(t.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
    return `  POST ${e.path} [${e.session ? 'session' : 'anonymous'}${e.template ? ` + ${e.template.kind} flow at ${e.step}${e.walked ? ' (walked there)' : ' (forced)'}` : ''}] fields=${e.fields.join(',') || '-'}: ${t.cases} cases, ${t.reached} past the guards; ${statuses}`;
  });
  console.log(`endpoint fuzz (${FUZZ_RUNS} runs each):\n${lines.join('\n')}`);
});

describe('POST endpoints under hostile input', () => {
  it('finds the POST routes, including sign-in and sign-out', () => {
    const found = endpoints.map((e) => e.path);
    expect(found).toContain('/login');
    expect(found).toContain('/logout');
    for (const e of endpoints) if (e.flow) expect(e.template, `POST ${e.path} needs a flow, and the fuzz could not start one`).toBeDefined();
  });

  // one test per route known at collection time is not possible (routes are found in beforeAll), so one property walks them all
  it('answers every hostile request with a redirect or a page with a message, and a refused request writes nothing', async () => {
    // FUZZ_ONLY=<regexp>: only the endpoints whose path matches, for a long run on a few (e.g. FUZZ_ONLY='/change$')
    const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
    for (const e of endpoints.filter((x) => !only || only.test(x.path))) {
      const tally: Tally = { cases: 0, reached: 0, statuses: {} };
      tallies.set(e.path, tally);
      const plausibleHere = [...plausible, ...e.fields];
      let run = 0;
      const property = fc.assert(
        fc.asyncProperty(withNearValid(hostileRequest(e.fields, plausibleHere), e), async (r) => {
          if (++run % 20 === 0) for (const t of ['sign_in_attempt', 'address_throttle', 'code_failure'] as const) await h.inspect.clear(t);
          const ctx = await contextFor(e);
          const before = await snapshot(ctx);
          const res = await post(e.path + r.query, encodeRequest(r, ctx.token, ORIGIN, ctx.cookie));
          const after = await snapshot(ctx);
          tally.cases++;
          tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
          if (r.csrf === 'valid' && ![403, 413].includes(res.status) && !isGuardRedirect(e, res.location)) tally.reached++;

          expect(res.status, `POST ${e.path} → ${res.status}`).toBeLessThan(500);
          expect([303, 400, 403, 409, 413, 422, 429]).toContain(res.status);
          expect(res.body).not.toMatch(/\.tsx?:\d+|node_modules|at async /);
          if (res.status === 303) {
            expect(res.location).toMatch(/^\/(?![/\\])/); // same-site only
            return;
          }
          expect(res.type).toContain('text/html');
          expect(res.body).toMatch(/<h1[^>]*>(?:<span class="step-indicator">[^<]+<\/span> )?[^<]+/); // a page with a heading (its step caption first) …
          if ([400, 409, 422].includes(res.status)) expect(res.body).toMatch(/role="alert"|class="error-summary"|<h1[^>]*>(?:<span class="step-indicator">[^<]+<\/span> )?[^<]+<\/h1>\s*<p/); // … and the message
          expect(after.static, `refused POST ${e.path} (${res.status}) changed a record`).toEqual(before.static);
          // a wrong current password that locks the My ID ends its sessions (SPEC L5 via T2): the only refusal allowed to
          if (!(res.status === 422 && (await anyLock()))) expect(after.session).toEqual(before.session);
          if ([403, 413].includes(res.status) || (res.status === 400 && res.body.includes(BAD_FORM))) {
            expect(after.logs, `POST ${e.path} (${res.status}) was refused before any rule ran, yet a counter moved`).toEqual(before.logs);
            expect(after.flow).toEqual(before.flow);
            expect(after.sessions).toEqual(before.sessions);
          }
        }),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
      );
      await property.catch((err: Error) => {
        throw new Error(`POST ${e.path} (${e.session ? 'signed in' : 'anonymous'}${e.step ? `, flow at ${e.step}` : ''}): ${err.message}`, { cause: err });
      });
    }
  }, Math.max(120_000, FUZZ_RUNS * 400 * 8));
});
