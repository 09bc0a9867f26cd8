// Issue 19 item 2: from the 3rd wrong password on, sign-in and the settings say how many tries remain — the same for known and unknown IDs.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

describe('issue 19 item 2: tries left', () => {
  it('sign-in warns from the 3rd failure, alike for a known and an unknown ID', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const bodies: Record<string, string[]> = { known: [], unknown: [] };
    for (const [who, id] of [['known', 'hana@example.jp'], ['unknown', 'nobody@example.jp']] as const) {
      const b = browser(h);
      for (let i = 0; i < 4; i++) bodies[who].push((await b.post('/login', { id, password: `wrong-${i}` })).body);
    }
    expect(bodies.known[1]).not.toContain('あと');
    expect(bodies.known[2]).toContain('このIDで、あと2回続けて誤るとIDがロックされます。');
    expect(bodies.known[3]).toContain('このIDで、あと1回続けて誤るとIDがロックされます。');
    expect(bodies.unknown[2]).toContain('このIDで、あと2回続けて誤るとIDがロックされます。');
  });

  it('the settings password change warns before it signs the member out', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' });
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await b.post('/settings/password', { current: `Wrong#${i}x`, password: 'Kawa!Nagare77', confirm: 'Kawa!Nagare77' }));
    expect(tries[1].body).not.toContain('あと');
    expect(tries[2].body).toContain('あと2回続けて誤ると、IDが無効になりログアウトします。');
    expect(tries[3].body).toContain('あと1回続けて誤ると、IDが無効になりログアウトします。');
    const en = await b.post('/settings/password?lang=en', { current: 'Wrong#9x', password: 'Kawa!Nagare77', confirm: 'Kawa!Nagare77' });
    expect(en.status).toBe(422);
  });
});
