// SPEC L6: a known and an unknown ID get byte-for-byte the same responses (tokens masked) and the same Argon2 work, up to and after the lock.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';


const N = 4;
let h: Harness;

beforeEach(async () => {
  h = await makeHarness({ LOGIN_MAX_FAILURES: String(N) });
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
  await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'Legacy#pass1' });
  await addHolder(h, { initialId: 'init-7788', initialPassword: 'Initial#pass1' });
  const moved = await addHolder(h, { legacyId: 'moved-01', legacyPassword: 'Moved#pass1', account: { email: 'moved@example.jp', password: 'Moved#2025x' } });
  await h.inspect.update('credential', moved.legacy!.id, { retiredAt: h.clock.now() });
});

type Observed = { status: number; headers: [string, string][]; cookies: string[]; body: string; verifications: number };

/** Everything a client can see of a response, with the per-browser token values and the typed ID masked. */
function observe(res: Response, body: string, typedId: string, verified: number): Observed {
  // X-Request-Id (SPEC O3) is a fresh random UUID on every response, known ID or not: its shape is compared, not its value
  const headers = [...res.headers.entries()]
    .filter(([k]) => k !== 'set-cookie')
    .map(([k, v]): [string, string] => [k, k === 'x-request-id' && /^[0-9a-f-]{36}$/.test(v) ? '<uuid>' : v])
    .sort(([a], [b]) => a.localeCompare(b));
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.replace(/^([^=]+)=[^;]*/, '$1=<value>'))
    .sort();
  const masked = body.split(typedId).join('<ID>').replace(/name="csrf" value="[^"]*"/g, 'name="csrf" value="<token>"');
  return { status: res.status, headers, cookies, body: masked, verifications: verified };
}

/** Runs the same sequence of requests for one ID in a fresh browser and records every response. */
async function journey(id: string, passwords: string[]): Promise<Observed[]> {
  const b = browser(h);
  const seen: Observed[] = [];
  let before = h.verifications();
  const first = await b.get('/login');
  seen.push(observe(first.res, first.body, id, h.verifications() - before));
  for (const password of passwords) {
    before = h.verifications();
    const r = await b.post('/login', { id, password });
    seen.push(observe(r.res, r.body, id, h.verifications() - before));
  }
  return seen;
}

const wrong = Array.from({ length: N }, (_, i) => `Wrong#pass${i}`);

describe('L6 a known and an unknown ID are indistinguishable', () => {
  it.each([
    ['My ID', 'hanako@example.jp', 'nobody@example.jp', 'Sakura#2025x'],
    ['legacy ID', 'taro-01', 'jiro-02', 'Legacy#pass1'],
    ['initial ID', 'init-7788', 'init-0000', 'Initial#pass1'],
    ['already-migrated legacy ID', 'moved-01', 'gone-01', 'Moved#pass1'],
  ])('%s: page, status, headers, cookies and Argon2 work are the same at the 1st failure, the locking failure and after the lock', async (_, known, unknown, right) => {
    // wrong passwords up to and including the locking one, then the known ID's right password and another wrong one
    const passwords = [...wrong, right, 'Wrong#after'];
    const a = await journey(known, passwords);
    const b = await journey(unknown, passwords);
    expect(a).toHaveLength(passwords.length + 1);
    for (let i = 0; i < a.length; i++) expect(b[i], `response ${i}`).toEqual(a[i]);
    // the points the issue names, checked for what they show
    expect(a[1].status).toBe(422); // 1st failure
    expect(a[N].body).toMatch(/ロックされている|IDが無効/); // the locking failure
    expect(a[N + 1].body).toEqual(a[N].body); // after the lock, even with the right password
    expect(a[1].verifications).toBe(1); // one Argon2 verification before the lock, real or dummy
    expect(a[N + 1].verifications).toBe(0); // none after
  });

  it('the same holds in English', async () => {
    h.clock.advance(1);
    const run = async (id: string) => {
      const b = browser(h);
      const seen: Observed[] = [];
      await b.get('/login?lang=en');
      for (const password of [...wrong, 'Sakura#2025x']) {
        const r = await b.post('/login', { id, password });
        seen.push(observe(r.res, r.body, id, 0));
      }
      return seen;
    };
    const a = await run('hanako@example.jp');
    const b = await run('nobody@example.jp');
    expect(b).toEqual(a);
    expect(a[N - 1].body).toContain('Your ID has been disabled');
  });

  it('the only difference is the email to the real owner, sent after the response is decided', async () => {
    await journey('hanako@example.jp', wrong);
    await journey('nobody@example.jp', wrong);
    expect((await h.outbox()).map((m) => m.to)).toEqual(['hanako@example.jp']);
  });
});
