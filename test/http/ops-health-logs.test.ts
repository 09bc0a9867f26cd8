// SPEC O2 health and readiness; SPEC O3 logs: one JSON line per request and per security event, none carrying a secret.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { scrub } from '../../src/log/logger.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

describe('O2 /healthz and /readyz', () => {
  it('answer 200 with no cookie, no token and no session', async () => {
    const h = await makeHarness();
    for (const [path, body] of [['/healthz', 'ok'], ['/readyz', 'ready']] as const) {
      const res = await h.app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(body);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('/readyz is 503 once the database is gone, while /healthz still answers', async () => {
    const h = await makeHarness();
    await h.close();
    const ready = await h.app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.text()).toBe('not ready');
    expect(ready.headers.getSetCookie()).toEqual([]);
    expect((await h.app.request('/healthz')).status).toBe(200);
    expect(h.logs().some((l) => JSON.parse(l).msg === 'not ready' && /database/.test(JSON.parse(l).problem))).toBe(true);
  });

  it('/readyz is 503 when a migration is missing', async () => {
    const h = await makeHarness();
    await h.inspect.forgetLatestMigration();
    expect((await h.app.request('/readyz')).status).toBe(503);
  });
});

describe('O3 logs', () => {
  it('writes one JSON line per request: time, request id, method, path without query, status, ms', async () => {
    const h = await makeHarness();
    const res = await h.app.request('/login?id=taro%40example.jp&lang=en');
    const lines = h.logs().map((l) => JSON.parse(l));
    const request = lines.filter((l) => l.msg === 'request');
    expect(request).toHaveLength(1);
    expect(request[0]).toMatchObject({ method: 'GET', path: '/login', status: 200, reqId: res.headers.get('x-request-id') });
    expect(typeof request[0].ms).toBe('number');
    expect(new Date(request[0].time).getTime()).toBeGreaterThan(0);
    expect(JSON.stringify(request[0])).not.toContain('taro');
  });

  it('masks email addresses and phone or card numbers wherever they appear', () => {
    expect(scrub('to taro.yamada@example.jp and 090-1234-5678, card 4980123400110017')).toBe('to t**********@e******.jp and ***5678, card ***0017');
  });

  it('a whole journey — migration with codes, a wrong password, a lock — leaves no secret in any line', async () => {
    const h: Harness = await makeHarness({ LOGIN_MAX_FAILURES: '3' });
    const secrets: string[] = [h.config.SECRET];
    const words: string[] = []; // short values (codes) that must not appear as a word
    await addHolder(h, { legacyId: 'log-legacy-1', legacyPassword: 'old-Pass-77', cards: [{ email: 'card.owner@example.jp' }], phones: ['09087654321'] });
    const { b } = await startMigration(h, 'log-legacy-1', 'old-Pass-77');
    await b.post('/migration/email-choice', { choice: 'no' });
    await b.post('/migration/new-email', { email: 'new.member@example.org' });
    const emailCode = (await lastCode(h, 'new.member@example.org'));
    const wrongCode = WRONG_CODE;
    await b.post('/migration/email-code', { code: wrongCode });
    expect((await b.post('/migration/email-code', { code: emailCode })).location).toBe('/migration/confirm-email');
    await b.post('/migration/confirm-email', {});
    await b.get('/migration/phone');
    const smsCode = (await lastCode(h, '09087654321'));
    expect((await b.post('/migration/phone', { code: smsCode })).location).toBe('/migration/password');
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    words.push(emailCode, wrongCode, smsCode);
    secrets.push('old-Pass-77', GOOD_PASSWORD, b.csrf(), ...b.jar.values());

    // the new member signs in, then a wrong password three times locks the My ID
    const member = browser(h);
    expect((await member.post('/login', { id: 'new.member@example.org', password: GOOD_PASSWORD })).location).toBe('/top');
    secrets.push(...member.jar.values(), member.csrf());
    const stranger = browser(h);
    for (const p of ['Wrong#Pass1', 'Wrong#Pass2', 'Wrong#Pass3', 'Wrong#Pass4']) await stranger.post('/login', { id: 'new.member@example.org', password: p });
    secrets.push('Wrong#Pass1', 'Wrong#Pass2', 'Wrong#Pass3', 'Wrong#Pass4', ...stranger.jar.values(), stranger.csrf());
    secrets.push('new.member@example.org', 'card.owner@example.jp', '09087654321', '090-8765-4321');

    const lines = h.logs();
    const parsed = lines.map((l) => JSON.parse(l));
    // the journey was logged: requests and the security events, each event with the request id of its request
    const events = parsed.filter((l) => l.msg === 'security event').map((l) => l.event);
    expect(events).toEqual(expect.arrayContaining(['code_sent', 'code_failed', 'migration_completed', 'sign_in_succeeded', 'sign_in_failed', 'sign_in_locked']));
    const requestIds = new Set(parsed.filter((l) => l.msg === 'request').map((l) => l.reqId));
    expect(parsed.filter((l) => l.msg === 'security event').every((l) => requestIds.has(l.reqId))).toBe(true);
    // SPEC S10: code_sent names the masked destination; a whole address never appears (checked line by line below)
    expect(parsed.some((l) => l.event === 'code_sent' && JSON.stringify(l).includes('n*********@e******.org'))).toBe(true);
    for (const line of lines) {
      for (const s of secrets.filter((x) => x.length > 0)) expect(line, `a log line holds ${s}`).not.toContain(s);
      // codes are 4 digits: check every value but the time and the request id, as whole words
      const { time: _t, reqId: _r, ...rest } = JSON.parse(line) as Record<string, unknown>;
      const text = JSON.stringify(rest);
      for (const w of words) expect(text, `a log line holds the code ${w}`).not.toMatch(new RegExp(`(^|[^0-9])${w}([^0-9]|$)`));
      expect(line).not.toMatch(/[^\s@"*]+@[^\s@"*]+\.[a-z]{2,}/i); // no whole email address
    }
  });
});
