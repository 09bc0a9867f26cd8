// SPEC X6 for flows (issue 19 item 16) and the step indicator (SPEC §3, issue 19 item 7), over HTTP with the fake clock.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, ORIGIN } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';

const MIN = 60_000;

async function atPhone() {
  const h = await makeHarness(); // FLOW_TTL_SECONDS 1800; the clock starts at 10:00 Tokyo
  await addHolder(h, { legacyId: 'time-01', cards: [{ email: 'time@example.jp' }], phones: ['09012340001'] });
  const b = await walkTo(h, 'migration', 'phone', { id: 'time-01' });
  return { h, b };
}

describe('SPEC X6: a flow page shows its deadline with a button that extends it', () => {
  it('every timed step shows the deadline and the extend form, in both languages', async () => {
    const { b } = await atPhone();
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('このお手続きは10:30までに完了してください。');
    expect(page.body).toMatch(/<form method="post" action="\/flow\/extend" class="inline-form"><input type="hidden" name="csrf" value="[^"]+"\/><input type="hidden" name="back" value="\/migration\/phone"\/><button type="submit" class="button button-secondary">お手続きの時間を延長する<\/button><\/form>/);
    const en = await b.get('/migration/phone?lang=en');
    expect(en.body).toContain('Please finish by 10:30 (Japan time).');
    expect(en.body).toContain('>Give me more time</button>');
  });

  it('the flow survives past its old deadline only when extended, and the button returns to the same step', async () => {
    const { h, b } = await atPhone();
    h.clock.advance(25 * MIN);
    const extended = await b.post('/flow/extend', { back: '/migration/phone' });
    expect(extended.status).toBe(303);
    expect(extended.location).toBe('/migration/phone');
    h.clock.advance(10 * MIN); // 35 minutes after the start: past the old deadline, within the renewed one
    const page = await b.get('/migration/phone');
    expect(page.status).toBe(200);
    // renewed to now + FLOW_TTL_SECONDS at the moment of the extension (10:25 + 30 minutes), never more
    expect(page.body).toContain('このお手続きは10:55までに完了してください。');
    expect((await h.inspect.rows('flow'))[0].expiresAt).toBe(h.clock.now() - 10 * MIN + 30 * MIN);

    // without an extension the same wait ends the flow
    const other = await atPhone();
    other.h.clock.advance(35 * MIN);
    expect((await other.b.get('/migration/phone')).location).toBe('/login?flow=expired');
  });

  it('an expired or ended flow cannot be extended: back to sign-in, nothing renewed', async () => {
    const { h, b } = await atPhone();
    h.clock.advance(31 * MIN);
    const late = await b.post('/flow/extend', { back: '/migration/phone' });
    expect(late.location).toBe('/login?flow=expired');
    const [expired] = await h.inspect.rows('flow');
    expect(expired.expiresAt).toBeLessThan(h.clock.now());

    const again = await atPhone();
    const token = again.b.jar.get('flow')!;
    await again.b.post('/migration/cancel', {});
    const [ended] = await again.h.inspect.rows('flow');
    expect(ended.endedAt).not.toBeNull();
    // the ended flow's cookie, replayed: refused
    const replay = browser(again.h);
    replay.jar.set('flow', token);
    expect((await replay.post('/flow/extend', { back: '/migration/phone' })).location).toBe('/login?flow=expired');
    expect((await again.h.inspect.rows('flow'))[0].expiresAt).toBe(ended.expiresAt);
  });

  it('CSRF applies: a cross-site POST is refused and renews nothing', async () => {
    const { h, b } = await atPhone();
    const before = (await h.inspect.rows('flow'))[0].expiresAt;
    h.clock.advance(5 * MIN);
    const cookie = [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const forged = await h.app.request('/flow/extend', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie },
      body: new URLSearchParams({ csrf: b.csrf(), back: '/migration/phone' }).toString(),
    });
    expect(forged.status).toBe(403);
    const noToken = await h.app.request('/flow/extend', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie }, body: 'back=%2Fmigration%2Fphone' });
    expect(noToken.status).toBe(403);
    expect((await h.inspect.rows('flow'))[0].expiresAt).toBe(before);
  });

  it('the help page says what the button does, with the configured time', async () => {
    const h = await makeHarness({ FLOW_TTL_SECONDS: '1200' });
    const help = await browser(h).get('/help');
    expect(help.body).toContain('「お手続きの時間を延長する」を押してください。その時点から20分間、続けられます。');
    expect((await browser(h).get('/help?lang=en')).body).toContain('you then have 20 minutes from that moment.');
  });

  it('a return address off the site is not followed: the flow\'s own step instead', async () => {
    const { b } = await atPhone();
    expect((await b.post('/flow/extend', { back: '//evil.example/x' })).location).toBe('/migration/phone');
  });

  it('the done page shows no deadline to extend (the lock page neither: issue19-code-locked.test.ts)', async () => {
    const { h, b } = await atPhone();
    await b.post('/migration/phone', { code: (await h.outbox()).find((m) => m.code)!.code! });
    await b.post('/migration/password', { password: 'Kumo#River82', confirm: 'Kumo#River82' });
    expect((await b.get('/migration/done')).body).not.toContain('/flow/extend');
  });
});

describe('SPEC §3: the step indicator is part of the heading and the title, counted along the path taken', () => {
  it('keeping the card email: ステップ 1, 2, then 3/5 to 5/5', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'steps-01', cards: [{ email: 'steps@example.jp' }], phones: ['09012340002'] });
    const b = browser(h);
    await b.post('/login', { id: 'steps-01', password: 'legacy-pass' });
    const shown = async (path: string) => {
      const body = (await b.get(path)).body;
      return [body.match(/<h1><span class="step-indicator">([^<]+)<\/span> /)?.[1], body.match(/<title>([^<]+)<\/title>/)?.[1]];
    };
    expect(await shown('/migration/terms')).toEqual(['ステップ 1', 'My IDへの移行：会員規約（ステップ 1） | My Card']);
    await b.post('/migration/terms', {});
    expect((await shown('/migration/email-choice'))[0]).toBe('ステップ 2');
    await b.post('/migration/email-choice', { choice: 'yes' });
    expect((await shown('/migration/phone'))[0]).toBe('ステップ 3/5');
    expect((await shown('/migration/phone'))[1]).toContain('（ステップ 3/5） | My Card');
    await b.post('/migration/phone', { code: (await h.outbox()).find((m) => m.code)!.code! });
    expect((await shown('/migration/password'))[0]).toBe('ステップ 4/5');
    await b.post('/migration/password', { password: 'Kumo#River82', confirm: 'Kumo#River82' });
    expect((await shown('/migration/done'))[0]).toBe('ステップ 5/5');
    expect((await b.get('/migration/done?lang=en')).body).toMatch(/<h1><span class="step-indicator">Step 5 of 5<\/span> /);
  });
});
