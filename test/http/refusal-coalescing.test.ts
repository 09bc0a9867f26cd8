// SPEC X5, L5–L7 (issue 20): repeated refusals of a locked ID from one address within a minute share one audit row with their
// count, first and last time; the answers stay the same for known and unknown IDs, and every refusal still counts for the address.
import { beforeEach, describe, expect, it } from 'vitest';
import { identifierHash } from '../../src/auth/lockout.js';
import { buildReport } from '../../src/report/model.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const LOCKED_MY_ID = 'パスワードを一定回数以上誤って入力されたため、IDが無効となっています。';
const THROTTLED = 'しばらく時間をおいて再度お試しください。';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ LOGIN_MAX_FAILURES: '5', IP_MAX_FAILURES: '40', TRUST_PROXY: 'true' });
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
});

const from = (address: string) => browser(h, { 'x-forwarded-for': address });
const lockedRows = async (id: string) =>
  (await h.inspect.rows('audit_log')).filter((r) => r.event === 'sign_in_failed' && r.subject === identifierHash(h.config.SECRET, id) && JSON.parse(r.detail!).reason === 'locked');

async function lock(b: ReturnType<typeof browser>, id: string) {
  for (let i = 0; i < 5; i++) await b.post('/login', { id, password: `wrong-${i}` });
}

describe('X5 coalesced refusals of a locked ID', () => {
  it.each(['hanako@example.jp', 'nobody@example.jp'])('%s: ten refusals within a minute are one row with count, first and last time', async (id) => {
    const b = from('198.51.100.1');
    await lock(b, id);
    const first = h.clock.now();
    for (let i = 0; i < 10; i++) {
      const res = await b.post('/login', { id, password: i === 3 ? 'Sakura#2025x' : `guess-${i}` });
      expect(res.status).toBe(422);
      expect(res.body).toContain(LOCKED_MY_ID);
      h.clock.advance(5_000);
    }
    const rows = await lockedRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0].at).toBe(first);
    expect(rows[0].address).toBe('198.51.100.1');
    expect(JSON.parse(rows[0].detail!)).toEqual({ reason: 'locked', count: 10, lastAt: first + 45_000 });
  });

  it('a refusal more than a minute after the row began, or from another address, starts a new row', async () => {
    const id = 'hanako@example.jp';
    await lock(from('198.51.100.1'), id);
    await from('198.51.100.1').post('/login', { id, password: 'guess' });
    await from('198.51.100.2').post('/login', { id, password: 'guess' });
    h.clock.advance(60_001);
    await from('198.51.100.1').post('/login', { id, password: 'guess' });
    const rows = await lockedRows(id);
    expect(rows.map((r) => [r.address, JSON.parse(r.detail!).count ?? 1])).toEqual([
      ['198.51.100.1', 1],
      ['198.51.100.2', 1],
      ['198.51.100.1', 1],
    ]);
  });

  it('known and unknown locked IDs leave the same rows, and the report counts every refusal', async () => {
    for (const id of ['hanako@example.jp', 'nobody@example.jp']) {
      const b = from('198.51.100.3');
      await lock(b, id);
      for (let i = 0; i < 4; i++) await b.post('/login', { id, password: 'guess' });
    }
    const known = await lockedRows('hanako@example.jp');
    const unknown = await lockedRows('nobody@example.jp');
    expect(known.map((r) => JSON.parse(r.detail!))).toEqual(unknown.map((r) => JSON.parse(r.detail!)));
    const report = await buildReport(h.stores, h.clock.now(), 1);
    expect(report.refusals.find((r) => r.key === 'sign_in_failed:locked')?.n).toBe(8);
  });

  it('each refusal of a locked ID still counts toward the address throttle (L7)', async () => {
    const b = from('198.51.100.4');
    await lock(b, 'hanako@example.jp');
    for (let i = 0; i < 35; i++) expect((await b.post('/login', { id: 'hanako@example.jp', password: 'guess' })).status).toBe(422);
    const res = await b.post('/login', { id: 'hanako@example.jp', password: 'guess' });
    expect(res.status).toBe(429);
    expect(res.body).toContain(THROTTLED);
    expect(Number(res.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lockedRows('hanako@example.jp'))[0]).toMatchObject({ address: '198.51.100.4' });
    expect(JSON.parse((await lockedRows('hanako@example.jp'))[0].detail!).count).toBe(35);
  });
});

describe('issue 20: the cached refusal pages over HTTP', () => {
  it('two members in two languages with two CSRF tokens, interleaved: each page has its own token and ID only', async () => {
    const a = from('198.51.100.5');
    const b = from('198.51.100.6');
    await a.get('/login');
    await b.get('/login?lang=en');
    const idA = 'member-a@example.jp';
    const idB = 'member-b-legacy';
    await lock(a, idA);
    await lock(b, idB);
    expect(a.csrf()).not.toBe(b.csrf());
    for (let i = 0; i < 3; i++) {
      const tokenA = a.csrf();
      const tokenB = b.csrf();
      const pa = await a.post('/login', { id: idA, password: 'guess' });
      const pb = await b.post('/login', { id: idB, password: 'guess' });
      expect([pa.status, pb.status]).toEqual([422, 422]);
      expect(pa.body).toContain('<html lang="ja">');
      expect(pb.body).toContain('<html lang="en">');
      expect(pa.body).toContain(`value="${tokenA}"`);
      expect(pa.body).toContain(`value="${idA}"`);
      expect(pb.body).toContain(`value="${tokenB}"`);
      expect(pb.body).toContain(`value="${idB}"`);
      expect(pa.body).not.toContain(tokenB);
      expect(pa.body).not.toContain(idB);
      expect(pb.body).not.toContain(tokenA);
      expect(pb.body).not.toContain(idA);
    }
  });
});
