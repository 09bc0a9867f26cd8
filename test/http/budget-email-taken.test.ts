// SPEC S10 (and S2's audit half): every "already a My ID" answer in M2/M3, G2 and T2 writes email_taken, with the masked address.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { startMigration } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const TAKEN = 'someone@example.jp';
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await addHolder(h, { account: { email: TAKEN, password: 'Sakura#2025x' } });
});

const takenRows = async () => (await h.inspect.rows('audit_log')).filter((r) => r.event === 'email_taken').map((r) => ({ ...r, detail: JSON.parse(r.detail!) }));

describe('S10 email_taken', () => {
  it('M2 はい on a card email that is already a My ID', async () => {
    await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', cards: [{ email: TAKEN }] });
    const { b } = await startMigration(h, 'taro-01', 'old-pass-1');
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/new-email');
    const [row] = await takenRows();
    expect(row.detail).toMatchObject({ flow: 'migration', step: 'email-choice', to: 's******@e******.jp' });
  });

  it('M3 on a taken address (any case), and not on a free one', async () => {
    await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', cards: [{ email: null }] });
    const { b, location } = await startMigration(h, 'taro-01', 'old-pass-1');
    expect(location).toBe('/migration/new-email');
    expect((await b.post('/migration/new-email', { email: 'SOMEONE@example.jp' })).status).toBe(409);
    const rows = await takenRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toMatchObject({ flow: 'migration', step: 'new-email', to: 's******@e******.jp' });
    expect(JSON.stringify(rows)).not.toContain(TAKEN);
    expect((await b.post('/migration/new-email', { email: 'free@example.jp' })).status).toBe(303);
    expect(await takenRows()).toHaveLength(1);
  });

  it('G2 on a taken address', async () => {
    await addHolder(h, { birthdate: '1980-02-03', phones: ['09033334444'], cards: [{ number: '4980123412345678', email: null }] });
    const b = browser(h);
    await b.get('/register');
    expect((await b.post('/register', { card: '4980123412345678', birthdate: '1980-02-03' })).location).toBe('/register/phone');
    expect((await b.post('/register/phone', { code: (await lastCode(h, '09033334444')) })).location).toBe('/register/terms');
    expect((await b.post('/register/terms', {})).location).toBe('/register/email');
    expect((await b.post('/register/email', { email: TAKEN })).status).toBe(409);
    const [row] = await takenRows();
    expect(row.detail).toMatchObject({ flow: 'registration', step: 'email' });
    expect(row.address).not.toBeNull();
  });

  it('T2 on a taken address, with the signed-in account', async () => {
    await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Momiji#2025y' } });
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Momiji#2025y' });
    await b.get('/settings/my-id');
    expect((await b.post('/settings/my-id', { email: TAKEN })).status).toBe(409);
    const [row] = await takenRows();
    expect(row.detail).toMatchObject({ flow: 'my-id', step: 'email' });
    expect(row.accountId).toBe((await h.inspect.rows('account')).find((a) => a.email === 'hanako@example.jp')!.id);
  });
});
