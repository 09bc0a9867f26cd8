// SPEC M6a: verification codes with an in-memory database, a fake clock, and the code messages the store accepted.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { codeState, sendCode, verifyCode, type SendCodeInput } from '../../src/auth/codes.js';
import { fakeClock } from '../../src/auth/clock.js';
import type { Database } from '../../src/db/contract.js';
import { testConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import type { Message } from '../../src/notify/notifier.js';
import { japanTime } from '../../src/i18n/japan-time.js';
import { openTestDatabase } from '../helpers/stores.js';
import { sequentialCodes } from '../helpers/codes.js';

const SECOND = 1000;
const config = testConfig(); // TTL 300 s, 5 failures lock 1800 s, resends 30 s apart, 5 per hour

type Harness = Deps & Pick<Database, 'inspect' | 'close'> & { clock: ReturnType<typeof fakeClock>; sent: Message[]; flow: () => Promise<number> };

async function setup(file = ':memory:', clock = fakeClock()): Promise<Harness> {
  const { stores: real, inspect, close } = openTestDatabase(file);
  // the code messages the store accepted with their challenge (SPEC D1: stored in its transaction), in order
  const sent: Message[] = [];
  const recordSend: typeof real.codes.recordSend = async (input, limits) => {
    const result = await real.codes.recordSend(input, limits);
    if ('ok' in result && input.message) sent.push(input.message);
    return result;
  };
  const stores = { ...real, codes: { ...real.codes, recordSend } };
  await inspect.insert('holder', { holderKey: 'h1', name: '山田 太郎', nameRoman: 'TARO YAMADA', birthdate: '1985-04-12' });
  let n = 0;
  const flow = () => stores.flows.insert(`flow-${++n}`, { kind: 'migration', step: 'email-code', holderId: 1 }, clock.now(), 1_800_000);
  return { config, stores, inspect, close, clock, newCode: sequentialCodes(), sent, flow };
}

let h: Harness;
let flowId: number;
beforeEach(async () => {
  h = await setup();
  flowId = await h.flow();
});

const subject = 'holder:1' as const;
const kind = 'migration';
const email = (overrides: Partial<SendCodeInput> = {}): SendCodeInput => ({
  flowId,
  kind,
  purpose: 'email',
  channel: 'email',
  destination: 'taro@example.jp',
  subject,
  lang: 'ja',
  address: '203.0.113.7',
  ...overrides,
});
const lastCode = () => h.sent.at(-1)!.code!;
const wrong = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');
const verify = (code: string, f = flowId) => verifyCode(h, { flowId: f, kind, purpose: 'email', subject, code, address: '203.0.113.7' });
const failures = async () => (await h.inspect.rows('code_failure'));
const events = async (event: string) => (await h.inspect.rows('audit_log')).filter((e) => e.event === event);

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

describe('verifyCode', () => {
  it('accepts the right code once', async () => {
    await sendCode(h, email());
    const code = lastCode();
    expect(await verify(code)).toEqual({ ok: true });
    expect(await verify(code)).toEqual({ error: 'none' });
  });

  it('accepts full-width, spaced and hyphenated input', async () => {
    for (const shape of [(c: string) => c.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), (c: string) => ` ${c.slice(0, 2)}-${c.slice(2)}\u3000`, (c: string) => c.split('').join(' ')]) {
      const f = await h.flow();
      await sendCode(h, email({ flowId: f, destination: `d${f}@example.jp` }));
      expect(await verify(shape(lastCode()), f)).toEqual({ ok: true });
    }
  });

  it('answers invalid for anything that is not 4 digits, without counting it', async () => {
    await sendCode(h, email());
    for (const input of ['', '123', '12345', 'abcd', '12a4']) expect(await verify(input)).toEqual({ error: 'invalid' });
    expect(await failures()).toEqual([]);
  });

  it('answers none when no code was sent', async () => {
    expect(await verify('1234')).toEqual({ error: 'none' });
  });

  it('expires at exactly CODE_TTL_SECONDS', async () => {
    await sendCode(h, email());
    h.clock.advance(300 * SECOND - 1);
    expect((await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' })).expiresAt).toBe(h.clock.now() + 1);
    const second = await h.flow();
    await sendCode(h, email({ flowId: second, destination: 'two@example.jp' }));
    const code2 = lastCode();
    h.clock.advance(1);
    expect(await verify(h.sent[0].code!)).toEqual({ error: 'expired' });
    // one millisecond before its own TTL the second code is still good
    h.clock.advance(300 * SECOND - 2);
    expect(await verify(code2, second)).toEqual({ ok: true });
  });

  it('replaces the previous code on resend: the old one no longer matches', async () => {
    await sendCode(h, email());
    const old = lastCode();
    h.clock.advance(30 * SECOND);
    await sendCode(h, email());
    const fresh = lastCode();
    if (old !== fresh) expect(await verify(old)).toEqual({ error: 'mismatch', remaining: 4 });
    expect(await verify(fresh)).toEqual({ ok: true });
    expect((await h.inspect.rows('challenge')).map((r) => [r.replacedAt !== null, r.usedAt !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('counts wrong entries per subject across a resend and a new flow, locking at exactly CODE_MAX_FAILURES', async () => {
    await sendCode(h, email());
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 4 });
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 3 });
    h.clock.advance(30 * SECOND);
    await sendCode(h, email()); // a resend does not reset the count
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 2 });
    const second = await h.flow();
    h.clock.advance(30 * SECOND);
    await sendCode(h, email({ flowId: second })); // nor does a new flow
    expect(await verify(wrong(lastCode()), second)).toEqual({ error: 'mismatch', remaining: 1 });
    const lockedUntil = h.clock.now() + 1_800 * SECOND;
    expect(await verify(wrong(lastCode()), second)).toEqual({ error: 'locked', lockedUntil });
    expect(await failures()).toMatchObject([{ subject: 'holder:1', purpose: 'email', failures: 5, lockedUntil }]);
    expect(await events('code_failed')).toHaveLength(5);
    expect(await events('code_locked')).toMatchObject([{ subject: 'holder:1', address: '203.0.113.7' }]);
  });

  it('refuses both sending and checking while locked, even the right code', async () => {
    await sendCode(h, email());
    const code = lastCode();
    for (let i = 0; i < 4; i++) await verify(wrong(code));
    const lockedUntil = h.clock.now() + 1_800 * SECOND;
    expect(await verify(wrong(code))).toEqual({ error: 'locked', lockedUntil });
    expect(await verify(code)).toEqual({ error: 'locked', lockedUntil });
    h.clock.advance(60 * SECOND);
    expect(await sendCode(h, email({ flowId: await h.flow() }))).toEqual({ error: 'locked', lockedUntil });
    expect(h.sent).toHaveLength(1);
    expect(await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' })).toMatchObject({ lockedUntil, expiresAt: null });
    // the lock is per purpose: the phone code is not locked
    expect(await sendCode(h, email({ purpose: 'phone', channel: 'sms', destination: '09012345678' }))).toMatchObject({ ok: true });
  });

  it('ends the lock after CODE_LOCK_SECONDS and starts the count again', async () => {
    await sendCode(h, email());
    for (let i = 0; i < 5; i++) await verify(wrong(lastCode()));
    h.clock.advance(1_800 * SECOND - 1);
    expect(await verify(lastCode())).toMatchObject({ error: 'locked' });
    h.clock.advance(1);
    // the code that was being guessed at was voided by the lock
    expect(await verify(lastCode())).toEqual({ error: 'none' });
    expect(await sendCode(h, email())).toMatchObject({ ok: true });
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 4 });
    expect(await verify(lastCode())).toEqual({ ok: true });
  });

  it('resets the count after a right code', async () => {
    await sendCode(h, email());
    for (let i = 0; i < 4; i++) await verify(wrong(lastCode()));
    expect(await verify(lastCode())).toEqual({ ok: true });
    expect(await failures()).toEqual([]);
    h.clock.advance(30 * SECOND);
    await sendCode(h, email());
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 4 });
  });

  it('counts concurrent wrong entries exactly', async () => {
    await sendCode(h, email());
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(wrong(lastCode()))));
    expect(results.filter((r) => 'error' in r && r.error === 'mismatch')).toHaveLength(4);
    expect(results.filter((r) => 'error' in r && r.error === 'locked')).toHaveLength(16);
    expect(await failures()).toMatchObject([{ failures: 5 }]);
    expect(await events('code_failed')).toHaveLength(5);
    expect(await events('code_locked')).toHaveLength(1);
  });

  it('counts exactly when several processes type wrong codes into one database file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codes-'));
    try {
      const shared = await setup(join(dir, 'app.db'), fakeClock(Date.now()));
      const f = await shared.flow();
      await sendCode(shared, { ...email(), flowId: f });
      const bad = wrong(shared.sent[0].code!);
      const worker = join(import.meta.dirname, 'fixtures', 'verify-worker.ts');
      const startAt = String(Date.now() + 2_000);
      const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', worker, join(dir, 'app.db'), String(f), bad, '40', '100', startAt]);
      const outputs = await Promise.all(Array.from({ length: 4 }, run));
      const results = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
      // 160 wrong entries with CODE_MAX_FAILURES=100: exactly 99 mismatches, then the lock
      expect(results.filter((r) => r === 'mismatch')).toHaveLength(99);
      expect(results.filter((r) => r === 'locked')).toHaveLength(61);
      expect((await shared.inspect.rows('code_failure'))).toMatchObject([{ failures: 100 }]);
      const audit = (await shared.inspect.rows('audit_log'));
      expect(audit.filter((e) => e.event === 'code_failed')).toHaveLength(100);
      expect(audit.filter((e) => e.event === 'code_locked')).toHaveLength(1);
      await shared.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets only one of many concurrent right entries use the code', async () => {
    await sendCode(h, email());
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(lastCode())));
    expect(results.filter((r) => 'ok' in r)).toHaveLength(1);
    expect(results.filter((r) => 'error' in r && r.error === 'none')).toHaveLength(9);
  });

  it('binds a code to its flow', async () => {
    await sendCode(h, email());
    const other = await h.flow();
    expect(await verify(lastCode(), other)).toEqual({ error: 'none' });
  });

  it('binds a code to its destination when the flow says which: a code sent elsewhere is none, and not counted', async () => {
    await sendCode(h, email());
    const code = lastCode();
    const at = (destination: string) => verifyCode(h, { flowId, kind, purpose: 'email', subject, code, destination });
    expect(await at('other@example.jp')).toEqual({ error: 'none' });
    expect(await failures()).toHaveLength(0);
    // the destination is compared normalised, as it was hashed when sent
    expect(await at('TARO@example.jp')).toEqual({ ok: true });
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
