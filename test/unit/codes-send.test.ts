// SPEC M6a: sending verification codes — the texts, the spacing and hourly cap of resends (S5), and what a code page knows.
import { beforeEach, describe, expect, it } from 'vitest';
import { codeState, sendCode } from '../../src/auth/codes.js';
import { japanTime } from '../../src/i18n/japan-time.js';
import { type CodeBed, codeHelpers, kind, SECOND, setup, subject } from '../helpers/code-bed.js';

let h: CodeBed;
let flowId: number;
beforeEach(async () => {
  h = await setup();
  flowId = await h.flow();
});
const { email, events } = codeHelpers(() => ({ h, flowId }));

describe('sendCode', () => {
  it('sends 4 digits in the text and the code field, and stores only a keyed hash', async () => {
    const result = await sendCode(h, email());
    expect(result).toEqual({ ok: true, expiresAt: h.clock.now() + 300 * SECOND, nextResendAt: h.clock.now() + 30 * SECOND });
    expect(h.sent).toHaveLength(1);
    const m = h.sent[0];
    expect(m.code).toMatch(/^\d{4}$/);
    expect(m).toMatchObject({ channel: 'email', to: 'taro@example.jp', subject: '【My Card】認証コードのお知らせ' });
    expect(m.text).toContain(m.code);
    expect(m.text).toContain(`${japanTime(h.clock.now() + 300 * SECOND)}（日本時間）まで有効`);
    const [row] = (await h.inspect.rows('challenge'));
    expect(row.codeHash).not.toContain(m.code);
    expect(row.codeHash.length).toBeGreaterThan(40);
    expect(JSON.stringify(row)).not.toContain('taro@example.jp');
  });

  it('says the validity as a Tokyo clock time', () => {
    // 2025-01-15 01:00 UTC is 10:00 in Tokyo
    expect(japanTime(Date.UTC(2025, 0, 15, 1, 5))).toBe('10:05');
    expect(japanTime(Date.UTC(2025, 0, 15, 15, 0))).toBe('00:00');
  });

  it('writes English texts, and voice texts that speak the digits twice', async () => {
    await sendCode(h, email({ lang: 'en' }));
    expect(h.sent[0].subject).toBe('[My Card] Your verification code');
    h.clock.advance(30 * SECOND);
    await sendCode(h, email({ purpose: 'phone', channel: 'voice', destination: '0312345678' }));
    const voice = h.sent[1];
    const spoken = voice.code!.split('').join(' ');
    expect(voice.channel).toBe('voice');
    expect(voice.text.split(spoken)).toHaveLength(3);
    expect(voice.text).toMatch(/\d+時(\d+分)?まで有効です。$/);
    await sendCode(h, email({ purpose: 'phone', channel: 'sms', destination: '09012345678', flowId: await h.flow() }));
    expect(h.sent[2].text).toContain(`認証コード：${h.sent[2].code}`);
  });

  it('refuses a purpose sent over the wrong channel', async () => {
    await expect(sendCode(h, email({ channel: 'sms' }))).rejects.toThrow();
  });

  // SPEC S5: the spacing is per flow; across flows the hourly caps hold
  it('spaces sends of one flow to one destination CODE_RESEND_SECONDS apart', async () => {
    const first = h.clock.now();
    await sendCode(h, email());
    h.clock.advance(29 * SECOND);
    expect(await sendCode(h, email())).toEqual({ error: 'tooSoon', nextResendAt: first + 30 * SECOND });
    expect(h.sent).toHaveLength(1);
    // another flow, or a corrected address in this one, is not held back
    expect(await sendCode(h, email({ flowId: await h.flow() }))).toMatchObject({ ok: true });
    expect(await sendCode(h, email({ destination: 'other@example.jp' }))).toMatchObject({ ok: true });
    h.clock.advance(1 * SECOND);
    expect(await sendCode(h, email())).toMatchObject({ ok: true });
  });

  it('treats SMS and voice to one phone as one destination', async () => {
    await sendCode(h, email({ purpose: 'phone', channel: 'sms', destination: '09012345678' }));
    h.clock.advance(10 * SECOND);
    expect(await sendCode(h, email({ purpose: 'phone', channel: 'voice', destination: '090-1234-5678' }))).toMatchObject({ error: 'tooSoon' });
  });

  it('caps sends per destination at CODE_MAX_SENDS_PER_HOUR in any rolling hour', async () => {
    const start = h.clock.now();
    for (let i = 0; i < 5; i++) {
      expect(await sendCode(h, email())).toMatchObject({ ok: true });
      h.clock.advance(60 * SECOND);
    }
    // the fifth send already says when the sixth is possible: an hour after the first
    const state = await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' });
    expect(state.nextResendAt).toBe(start + 3_600 * SECOND);
    expect(await sendCode(h, email())).toEqual({ error: 'hourlyCap', nextResendAt: start + 3_600 * SECOND });
    h.clock.set(start + 3_600 * SECOND - 1);
    expect(await sendCode(h, email())).toMatchObject({ error: 'hourlyCap' });
    h.clock.set(start + 3_600 * SECOND);
    expect(await sendCode(h, email())).toMatchObject({ ok: true });
    // the window rolls: the next slot opens an hour after the second send
    h.clock.advance(30 * SECOND);
    expect(await sendCode(h, email())).toEqual({ error: 'hourlyCap', nextResendAt: start + 3_660 * SECOND });
    expect(h.sent).toHaveLength(6);
  });

  it('audits each send with the subject and the client address', async () => {
    await sendCode(h, email());
    await sendCode(h, email({ subject: 'account:7', destination: 'x@example.jp' }));
    const sent = await events('code_sent');
    expect(sent.map((e) => [e.subject, e.accountId, e.address])).toEqual([
      ['holder:1', null, '203.0.113.7'],
      [null, 7, '203.0.113.7'],
    ]);
  });
});

describe('codeState', () => {
  it('shows the active code, the next resend time and no lock', async () => {
    const start = h.clock.now();
    expect(await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' })).toEqual({ expiresAt: null, nextResendAt: start, lockedUntil: null, closed: false, delivery: null });
    await sendCode(h, email());
    h.clock.advance(10 * SECOND);
    expect(await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' })).toEqual({
      expiresAt: start + 300 * SECOND,
      nextResendAt: start + 30 * SECOND,
      lockedUntil: null,
      closed: false,
      // SPEC D4: its message is stored, not yet delivered
      delivery: 'sending',
    });
    // for a destination not yet used, a send is possible now
    expect((await codeState(h, { flowId, kind, purpose: 'email', subject, destination: 'new@example.jp', address: '203.0.113.7' })).nextResendAt).toBe(h.clock.now());
  });

  it('shows no active code for a destination the latest code did not go to', async () => {
    await sendCode(h, email());
    expect((await codeState(h, { flowId, kind, purpose: 'email', subject, destination: 'taro@example.jp' })).expiresAt).not.toBeNull();
    expect((await codeState(h, { flowId, kind, purpose: 'email', subject, destination: 'new@example.jp', address: '203.0.113.7' })).expiresAt).toBeNull();
  });
});
