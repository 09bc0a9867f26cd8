// P4: attempts on an identifier locked by LOGIN_MAX_FAILURES failures, and from an address over IP_MAX_FAILURES (the L7 429),
// flooded; no hash should be computed. Each rate ÷ the page ceiling (issue 20's target) and ÷ bare Hono, measured right after.
import { formBody, openBrowser, postHeaders, signIn } from './lib/http.js';
import { describeStatuses, load } from './lib/load.js';
import type { Server } from './lib/procs.js';
import type { Row } from './lib/table.js';

export type RefusalSpec = {
  /** a portal whose address throttle is raised, so only the identifier lock applies */
  app: Server;
  /** a portal with the default IP_MAX_FAILURES */
  fresh: Server;
  ceiling: Server;
  bare: Server;
  victim: string;
  password: string;
  seconds: number;
  connections: number;
};

export async function measureRefusals(spec: RefusalSpec): Promise<Row[]> {
  const { app, fresh, ceiling, bare, seconds, connections } = spec;
  const b = await openBrowser(app.base);
  const lockTimes: number[] = [];
  for (let i = 0; i < 6; i++) lockTimes.push((await signIn(b, spec.victim, `wrong-${i}-Pass!`)).ms);
  const probe = await signIn(b, spec.victim, spec.password);
  const locked = await load({
    url: app.base,
    connections,
    seconds,
    request: { method: 'POST', path: '/login', headers: postHeaders(b), body: formBody({ csrf: b.token, id: spec.victim, password: 'guess-Pass-1!' }) },
    ok: (st) => st >= 400 && st < 500,
  });
  // exceed the default IP_MAX_FAILURES on the fresh-db server, then flood from the throttled address
  const f = await openBrowser(fresh.base);
  let first429 = 0;
  for (let i = 1; i <= 200 && first429 === 0; i++) {
    const r = await signIn(f, `stranger${i}@bench.example`, 'wrong-Pass-1!');
    if (r.status === 429) first429 = i;
  }
  const throttled = await load({
    url: fresh.base,
    connections,
    seconds,
    request: {
      method: 'POST',
      path: '/login',
      headers: postHeaders(f),
      setupRequest: (req) => ({ ...req, body: formBody({ csrf: f.token, id: `stranger${Math.random().toString(36).slice(2)}@bench.example`, password: 'guess-Pass-1!' }) }),
    },
    ok: (st) => st === 429,
  });
  const ceilingRef = await load({ url: ceiling.base + '/login', connections, seconds, ok: (st) => st === 200 });
  const bareRef = await load({ url: bare.base + '/', connections, seconds, ok: (st) => st === 200 });
  const refs = `page ceiling ${ceilingRef.okPerSecond.toFixed(0)} req/s, bare Hono ${bareRef.okPerSecond.toFixed(0)} req/s, ${connections} connections each`;
  const lockedDetail = `${locked.okPerSecond.toFixed(0)} refusals/s; ${refs}; attempts 1–6 took ${lockTimes.map((t) => t.toFixed(0)).join('/')} ms, right password after: ${probe.status} in ${probe.ms.toFixed(0)} ms; flood ${describeStatuses(locked.statuses, locked.errors)}`;
  const throttledDetail = `${throttled.okPerSecond.toFixed(0)} 429s/s; ${refs}; first 429 after ${first429 || 'none of 200'} failures (default IP_MAX_FAILURES); flood ${describeStatuses(throttled.statuses, throttled.errors)}`;
  const ratio = (r: number, ref: number) => r / ref;
  return [
    row('refused attempts/s on a locked ID ÷ the page ceiling', ratio(locked.okPerSecond, ceilingRef.okPerSecond), '≥ 0.5', lockedDetail),
    row('(same) ÷ bare Hono req/s', ratio(locked.okPerSecond, bareRef.okPerSecond), 'none (was ≥ 0.3)', 'the hello-world, kept for comparison with earlier runs'),
    row('throttled (429) attempts/s ÷ the page ceiling', ratio(throttled.okPerSecond, ceilingRef.okPerSecond), '≥ 0.5', throttledDetail),
    row('(same) ÷ bare Hono req/s', ratio(throttled.okPerSecond, bareRef.okPerSecond), 'none (was ≥ 0.3)', 'the hello-world, kept for comparison with earlier runs'),
  ];
}

function row(what: string, value: number, target: string, detail: string): Row {
  const at = /^≥ ([\d.]+)$/.exec(target);
  const met = at ? value >= Number(at[1]) : null;
  return { id: 'P4', what, value, format: 'ratio', target, met, detail };
}
