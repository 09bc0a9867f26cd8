// SPEC X2, X4: every POST route of the app (found by walking app.routes) fuzzed with hostile input, inside the session or flow it needs.
// Every answer is < 500, a redirect or a page with a message and no stack trace; a refused request changes no row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyedHash, newToken } from '../../src/auth/secrets.js';
import { startSession } from '../../src/auth/session.js';
import type { TableName } from '../../src/db/contract.js';
import { makeHarness, ORIGIN, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { type Context, type Endpoint, isGuardRedirect, LEGACY, MEMBER, BIRTHDATE, CARD, NEW_EMAIL, NEW_PASSWORD, withNearValid } from './support/answers.js';
import { discover } from './support/discover.js';
import { encodeRequest, FUZZ_RUNS, FUZZ_SEED, hostileRequest } from './support/hostile.js';


/** The page for a form that could not be read (SPEC X4). */
const BAD_FORM = '送信内容を読み取れませんでした';
/** Tables whose rows a refused request must never touch. */
const STATIC_TABLES: TableName[] = ['holder', 'phone', 'card', 'credential', 'account', 'account_card', 'notice'];
/** Counters and logs a refused sign-in or code entry is allowed to grow (but a 400/403/413 must not). */
const LOG_TABLES: TableName[] = ['audit_log', 'sign_in_attempt', 'address_throttle', 'code_failure', 'challenge'];

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

let endpoints: Endpoint[] = [];

beforeAll(async () => {
  h = await makeHarness({ IP_MAX_FAILURES: '1000000' });
  await addHolder(h, { legacyId: LEGACY.id, legacyPassword: LEGACY.password, birthdate: BIRTHDATE, phones: ['09011110001'], cards: [{ number: CARD, email: 'fuzz.card@example.jp' }] });
  const member = await addHolder(h, { phones: ['09022220002', '0311112222'], account: MEMBER, cards: [{ email: MEMBER.email }] });
  accountId = member.account!.id;
  endpoints = await discover({ h, contextFor, post });
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
