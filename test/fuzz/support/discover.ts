// Finds every POST route of the app and what gets past its guards: a session, a flow at the right step, walked there
// with right answers where a real walk reaches it (codes read from the outbox).
import { keyedHash } from '../../../src/auth/secrets.js';
import type { FlowRow, NewFlow } from '../../../src/db/contract.js';
import type { Harness } from '../../helpers/app.js';
import { BIRTHDATE, CARD, datePart, type Context, type Endpoint, fieldNames, form, LEGACY, MEMBER, needsFlow, needsSession, NEW_EMAIL, offeredValues, REG_EMAIL, withFlow } from './answers.js';

/** What the discovery needs of the test: its harness, a fresh browser for a route, and a POST. */
export type Probe = {
  h: Harness;
  contextFor: (e: Pick<Endpoint, 'session' | 'template' | 'step'>) => Promise<Context>;
  post: (path: string, init: RequestInit) => Promise<{ status: number; location: string | null }>;
};

/** What a careful user would type into a field of this name. */
async function fill(h: Harness, name: string, page: string, session: boolean): Promise<string | undefined> {
  if (/code/i.test(name)) return (await h.outbox()).find((m) => m.code)?.code;
  if (/mail|^id$/i.test(name)) return session ? NEW_EMAIL : REG_EMAIL;
  if (/card/i.test(name)) return CARD;
  // the birth date's three fields (issue 19 item 6): year, month, day of the same date
  if (/birth.*-(year|month|day)$/i.test(name)) return datePart(name);
  if (/birth|date/i.test(name)) return BIRTHDATE;
  if (/channel/i.test(name)) return 'sms';
  return offeredValues(page).get(name);
}

/**
 * Starts a real flow the way a browser would (POST to the route that starts it), then walks it step by step with
 * right answers (codes read from the outbox), keeping a copy of the flow row at each step — stopping before the step
 * that asks for a password, so nothing is completed. The copies let each step's fuzz start from a realistic flow.
 */
async function walkFlow(p: Probe, walked: Map<string, Map<string, NewFlow>>, path: string, session: boolean, starters: string[]): Promise<Map<string, NewFlow>> {
  const starter = starters.filter((r) => r !== path && path.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
  const base = starter ?? '/' + path.split('/')[1];
  const known = walked.get(base);
  if (known) return known; // one walk per flow: codes are capped per destination
  const templates = new Map<string, NewFlow>();
  walked.set(base, templates);
  p.h.clock.advance(p.h.config.CODE_RESEND_SECONDS * 1000 + 1_000); // the fixtures' phones were just sent a code by another walk
  let ctx = await p.contextFor({ session });
  let res: Response;
  if (!starter) {
    // the migration flow starts at sign-in with a legacy ID (SPEC L3)
    res = await p.h.app.request('/login', form(ctx, { id: LEGACY.id, password: LEGACY.password }));
  } else {
    const page = await (await p.h.app.request(starter, { headers: { cookie: ctx.cookie } })).text();
    const fields: Record<string, string> = {};
    for (const name of fieldNames(page)) fields[name] = /mail|^id$/i.test(name) && !session ? MEMBER.email : (await fill(p.h, name, page, session)) ?? '';
    res = await p.h.app.request(starter, form(ctx, fields));
  }
  const flowCookie = res.headers.getSetCookie().find((l) => l.startsWith('flow='));
  if (!flowCookie) return templates;
  const token = flowCookie.split(';')[0].slice(5);
  ctx = withFlow(ctx, token);
  for (let i = 0; i < 12; i++) {
    const row: FlowRow | undefined = await p.h.stores.flows.find(keyedHash(p.h.config.SECRET, 'flow', token));
    if (!row || row.endedAt !== null) break;
    const { kind, step, holderId, cardId, credentialId, accountId: acc, email, data } = row;
    if (!templates.has(step)) templates.set(step, { kind, step, holderId, cardId, credentialId, accountId: acc, email, data: structuredClone(data) });
    const page = await p.h.app.request(`${base}/${step}`, { headers: { cookie: ctx.cookie } });
    if (page.status !== 200) break;
    const html = await page.text();
    const names = fieldNames(html);
    if (names.some((n) => /password|current/i.test(n))) break; // the completing step: fuzzed, never walked past
    const fields: Record<string, string> = {};
    for (const name of names) {
      const value = await fill(p.h, name, html, session);
      if (value !== undefined) fields[name] = value;
    }
    const next = await p.h.app.request(`${base}/${step}`, form(ctx, fields));
    if (next.status !== 303) break;
  }
  return templates;
}

/** The step a flow must be at for this route: the deepest path segment that is a page of the flow, else where the flow starts. */
async function stepFor(p: Probe, path: string, session: boolean, templates: Map<string, NewFlow>, starters: string[]): Promise<string> {
  const segments = path.split('/').filter(Boolean);
  const first = [...templates.values()][0];
  for (let i = segments.length - 1; i >= 1; i--) {
    const step = segments[i];
    if (templates.has(step)) return step;
    if (starters.includes('/' + segments.slice(0, i + 1).join('/'))) break; // the flow's start page, not one of its steps
    const ctx = await p.contextFor({ session, template: first, step });
    const page = await p.h.app.request('/' + segments.slice(0, i + 1).join('/'), { headers: { cookie: ctx.cookie } });
    if (page.status === 200) return step;
  }
  return first.step;
}

/** Every POST route, with what it needs to get past its guards, found by probing it with an empty valid form. */
export async function discover(p: Probe): Promise<Endpoint[]> {
  const walked = new Map<string, Map<string, NewFlow>>();
  const routes = [...new Set(p.h.app.routes.filter((r) => r.method === 'POST').map((r) => r.path))].sort();
  const endpoints: Endpoint[] = [];
  for (const path of routes) {
    if (path.includes(':') || path.includes('*')) throw new Error(`POST ${path} has a parameter: teach test/fuzz/support/discover.ts what to put there`);
    const e: Endpoint = { path, session: false, flow: false, fields: [] };
    let probe = await p.post(path, form(await p.contextFor(e)));
    if (needsSession(probe.location)) {
      e.session = true;
      probe = await p.post(path, form(await p.contextFor(e)));
    }
    if (needsFlow(probe.location)) {
      e.flow = true;
      const starters = endpoints.filter((x) => !x.flow).map((x) => x.path); // routes are sorted: a flow's start comes before its steps
      const templates = await walkFlow(p, walked, path, e.session, starters);
      if (templates.size > 0) {
        e.step = await stepFor(p, path, e.session, templates, starters);
        // a realistic row if the walk reached this step; otherwise the first step's row, forced to this step
        e.template = templates.get(e.step) ?? { ...[...templates.values()][0], step: e.step };
        e.walked = templates.has(e.step);
      }
    }
    const ctx = await p.contextFor(e);
    const page = await p.h.app.request(path, { headers: { cookie: ctx.cookie } });
    e.fields = page.status === 200 ? fieldNames(await page.text()) : [];
    endpoints.push(e);
  }
  return endpoints;
}
