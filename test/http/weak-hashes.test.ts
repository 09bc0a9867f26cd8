// SPEC S7: imported Argon2id hashes meet the OWASP floor, and a weaker stored hash is replaced at the next correct sign-in.
import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { argon2Params, verifyPassword } from '../../src/auth/password.js';
import { importCsv } from '../../src/cli/importer.js';
import { COLUMNS } from '../../src/cli/import-rows.js';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const weakHash = (password: string) => hash(password, { memoryCost: 8, timeCost: 1, parallelism: 1 });

const row = (password: string) =>
  ['w-01', '加藤 恵', 'カトウ メグミ', 'MEGUMI KATO', '1988-03-14', '4980123400000077', 'Classic Card', 'megumi@example.jp', '070-5555-6666', 'weak-hash', `"${password}"`, '', '', '', '', '', '', ''].join(',');

describe('S7 the import refuses hashes below m=19456, t=2', () => {
  it.each([
    ['m=8, t=1', { memoryCost: 8, timeCost: 1 }],
    ['m=19456, t=1', { memoryCost: 19_456, timeCost: 1 }],
    ['m=4096, t=3', { memoryCost: 4096, timeCost: 3 }],
  ])('a hash with %s is a bad row and nothing is written', async (_, params) => {
    const h = await makeHarness();
    const weak = await hash('legacy-pass', { ...params, parallelism: 1 });
    const result = await importCsv(h.stores.import, `${COLUMNS.join(',')}\n${row(weak)}\n`, { secret: h.config.SECRET, clock: h.clock, initialIdTtlDays: 90, termsVersion: '2025-01' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'line 2: legacy_password: is an Argon2id hash weaker than m=19456, t=2; export it again with at least those parameters',
    ]);
    expect(await h.stores.import.countHolders()).toBe(0);
  });

  it('a hash at or above the floor is stored as it is', async () => {
    const h = await makeHarness();
    const strong = await hash('legacy-pass', { memoryCost: 32_768, timeCost: 3, parallelism: 1 });
    const result = await importCsv(h.stores.import, `${COLUMNS.join(',')}\n${row(strong)}\n`, { secret: h.config.SECRET, clock: h.clock, initialIdTtlDays: 90, termsVersion: '2025-01' });
    expect(result.ok).toBe(true);
    expect((await h.stores.credentials.findAnyState('weak-hash'))?.passwordHash).toBe(strong);
  });
});

describe('S7 a weak stored hash is replaced at the next correct sign-in', () => {
  it('a My ID: signed in as before, and the hash is now at today’s parameters', async () => {
    const h = await makeHarness();
    const { account } = await addHolder(h, { account: { email: 'weak@example.jp', password: 'Weak#2025pass' } });
    const weak = await weakHash('Weak#2025pass');
    expect(await h.stores.accounts.replaceHash(account!.id, account!.passwordHash, weak)).toBe(true);

    const b = browser(h);
    expect((await b.post('/login', { id: 'weak@example.jp', password: 'wrong-one#1' })).status).toBe(422);
    expect((await h.stores.accounts.findOpenByEmail('weak@example.jp'))?.passwordHash).toBe(weak); // a wrong password changes nothing

    const res = await b.post('/login', { id: 'weak@example.jp', password: 'Weak#2025pass' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/top');
    const stored = (await h.stores.accounts.findOpenByEmail('weak@example.jp'))!.passwordHash;
    expect(argon2Params(stored)).toEqual({ m: 19_456, t: 2, p: 1 });
    expect(await verifyPassword(stored, 'Weak#2025pass')).toBe(true);

    // a hash already at today's parameters is left as it is
    const again = await browser(h).post('/login', { id: 'weak@example.jp', password: 'Weak#2025pass' });
    expect(again.status).toBe(303);
    expect((await h.stores.accounts.findOpenByEmail('weak@example.jp'))!.passwordHash).toBe(stored);
  });

  it('a legacy ID: the migration starts as before, and the hash is replaced', async () => {
    const h = await makeHarness();
    const { legacy } = await addHolder(h, { legacyId: 'old-weak', legacyPassword: 'legacy-pass' });
    const weak = await weakHash('legacy-pass');
    expect(await h.stores.credentials.replaceHash(legacy!.id, legacy!.passwordHash, weak)).toBe(true);

    const res = await browser(h).post('/login', { id: 'old-weak', password: 'legacy-pass' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/migration/terms');
    const stored = (await h.stores.credentials.findAnyState('old-weak'))!.passwordHash;
    expect(argon2Params(stored)).toEqual({ m: 19_456, t: 2, p: 1 });
    expect(await verifyPassword(stored, 'legacy-pass')).toBe(true);
  });
});
